/** The message property tests (./messagesProperty.ts) for Messangi. */
import { describeMessageProperties } from './messagesProperty';

describeMessageProperties('messangi');
