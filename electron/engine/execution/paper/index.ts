// Public surface of the paper venue: re-exports only.
export { PaperBroker, type PaperBrokerOptions } from './paper-broker';
export { moveBar, feedBar } from './ticker-bars';
