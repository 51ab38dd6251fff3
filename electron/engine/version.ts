// The app version, taken from package.json so there is one place to bump it.
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
