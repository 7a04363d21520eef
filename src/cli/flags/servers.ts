import { JSON_OUT } from './shared.js';

export const SERVERS_LIST_FLAGS = { ...JSON_OUT };
export const SERVERS_ADD_FLAGS = { ...JSON_OUT };
export const SERVERS_REMOVE_FLAGS = { ...JSON_OUT };
