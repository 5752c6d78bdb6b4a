/** The message property tests (./messagesProperty.ts) for Sinch LATAM. */
import { describeMessageProperties } from './messagesProperty';

describeMessageProperties('sinchLatam');
