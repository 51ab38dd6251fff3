// Binance error replies ({code,msg} with the HTTP status Binance uses), thrown inside handlers and rendered by the server.

export class BinanceError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly msg: string,
  ) {
    super(msg);
  }
}

export const errors = {
  badApiKeyFormat: () => new BinanceError(401, -2014, 'API-key format invalid.'),
  invalidApiKey: () => new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  badSignature: () => new BinanceError(400, -1022, 'Signature for this request is not valid.'),
  aheadOfServer: () =>
    new BinanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  outsideRecvWindow: () => new BinanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  badRecvWindow: () => new BinanceError(400, -1131, 'recvWindow must be less than 60000'),
  mandatory: (name: string) =>
    new BinanceError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  illegalChars: (name: string) =>
    new BinanceError(
      400,
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`,
    ),
  badSymbol: () => new BinanceError(400, -1121, 'Invalid symbol.'),
  badInterval: () => new BinanceError(400, -1120, 'Invalid interval.'),
  badEnum: (name: string) => new BinanceError(400, -1116, `Invalid ${name}.`),
  filterFailure: (filter: string) => new BinanceError(400, -1013, `Filter failure: ${filter}`),
  duplicateOrder: () => new BinanceError(400, -2010, 'Duplicate order sent.'),
  insufficientBalance: () => new BinanceError(400, -2010, 'Account has insufficient balance for requested action.'),
  wouldMatch: () => new BinanceError(400, -2010, 'Order would immediately match and take.'),
  wouldTrigger: () => new BinanceError(400, -2010, 'Order would trigger immediately.'),
  ocoPrices: () => new BinanceError(400, -2010, 'The relationship of the prices for the orders is not correct.'),
  orderListNotFound: () => new BinanceError(400, -2013, 'Order list does not exist.'),
  orderNotFound: () => new BinanceError(400, -2013, 'Order does not exist.'),
  unknownOrder: () => new BinanceError(400, -2011, 'Unknown order sent.'),
  tooManyRequests: () =>
    new BinanceError(
      429,
      -1003,
      'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
    ),
};
