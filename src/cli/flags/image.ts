import { text } from './define.js';
import { JSON_OUT } from './shared.js';

export const IMAGE_BUILD_LOCAL_FLAGS = {
  tag: text({ flags: '--tag <image>', help: 'image name (default localhost/redis-local:<installed redis version>)' }),
  ...JSON_OUT,
};
