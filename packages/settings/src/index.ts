export {
  defineSettings,
  describeSettings,
  readSettings,
  SettingProblem,
  SettingsError,
  type Setting,
  type Settings,
  type SettingValues,
} from './setting.js';
export { directory, file, flag, host, integer, oneOf, port, text, url } from './parsers.js';
export { documentedVariables } from './readme.js';
