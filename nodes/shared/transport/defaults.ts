/**
 * Sending defaults and bounds, used by the node's settings at run time and shown by its Options.
 * Max Concurrent Requests when the option is not set: with adaptive concurrency (the default) it
 * is only a cap, the node starts with a few requests and finds the provider's limit (BENCHMARKS.md).
 */
export const DEFAULT_MAX_CONCURRENCY = 200;
export const MAX_CONCURRENCY = 1000;
export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 1000;
