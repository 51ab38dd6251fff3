// Public surface of the simulated venue: re-exports only.
export { SimBroker } from './sim-broker';
export { parseSlippage, resolveSimOptions, type SimBrokerOptions, type SlippageModel } from './options';
export { affordableAmount, slipped, withSpread } from './costs';
