import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { SERVERS_ADD_FLAGS, SERVERS_LIST_FLAGS, SERVERS_REMOVE_FLAGS } from '../flags/servers.js';

export const serversListOptions = z.object(fieldsOf(SERVERS_LIST_FLAGS));
export const serversAddOptions = z.object(fieldsOf(SERVERS_ADD_FLAGS));
export const serversRemoveOptions = z.object(fieldsOf(SERVERS_REMOVE_FLAGS));
