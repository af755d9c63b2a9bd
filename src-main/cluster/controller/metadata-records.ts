/**
 * Metadata records as values and as bytes. Each record is `{ type, ...fields }` with fields typed from its
 * schema (record-schemas.ts). On disk a record is the value of one Kafka record (key null): int16 record
 * type, int16 schema version, then the struct encoded by the protocol codec (through its public door, as a
 * response body whose 4-byte correlation id and header tag byte are cut off). Anything that cannot be
 * decoded raises ControllerError CORRUPT_METADATA, never a bare crash.
 */
import {
  ProtocolError, decodeRequestBody, encodeResponse, responseHeaderVersion, type ApiDef, type Body, type RequestOf,
} from '../../protocol/index.js';
import { ControllerError } from './controller-error.js';
import {
  ConfigDef, FenceBrokerDef, PartitionChangeDef, PartitionDef, RegisterBrokerDef, RemoveTopicDef, TopicDef,
  UnfenceBrokerDef,
} from './record-schemas.js';

export type RegisterBrokerRecord = { type: 'RegisterBroker' } & RequestOf<typeof RegisterBrokerDef>;
export type TopicRecord = { type: 'Topic' } & RequestOf<typeof TopicDef>;
export type PartitionRecord = { type: 'Partition' } & RequestOf<typeof PartitionDef>;
export type ConfigRecord = { type: 'Config' } & RequestOf<typeof ConfigDef>;
export type PartitionChangeRecord = { type: 'PartitionChange' } & RequestOf<typeof PartitionChangeDef>;
export type FenceBrokerRecord = { type: 'FenceBroker' } & RequestOf<typeof FenceBrokerDef>;
export type UnfenceBrokerRecord = { type: 'UnfenceBroker' } & RequestOf<typeof UnfenceBrokerDef>;
export type RemoveTopicRecord = { type: 'RemoveTopic' } & RequestOf<typeof RemoveTopicDef>;

export type MetadataRecord =
  | RegisterBrokerRecord | TopicRecord | PartitionRecord | ConfigRecord | PartitionChangeRecord
  | FenceBrokerRecord | UnfenceBrokerRecord | RemoveTopicRecord;

/** Config resource types, as Kafka numbers them (ConfigResource.Type). Name "" = the cluster default. */
export const ConfigResourceType = { TOPIC: 2, BROKER: 4 } as const;

const DEFS: Record<MetadataRecord['type'], ApiDef> = {
  RegisterBroker: RegisterBrokerDef, Topic: TopicDef, Partition: PartitionDef, Config: ConfigDef,
  PartitionChange: PartitionChangeDef, FenceBroker: FenceBrokerDef, UnfenceBroker: UnfenceBrokerDef,
  RemoveTopic: RemoveTopicDef,
};
const TYPE_BY_KEY = new Map(Object.entries(DEFS).map(([type, def]) => [def.key, type as MetadataRecord['type']]));
const VERSION = 0;

export function encodeMetadataRecord(record: MetadataRecord): Uint8Array {
  const def = DEFS[record.type];
  const { type: _type, ...body } = record;
  let frame: Uint8Array;
  try {
    frame = encodeResponse(def, VERSION, 0, body as Body);
  } catch (err) {
    // A value out of range for its field (e.g. a broker id above int32) is a bug in the caller's decision.
    throw new ControllerError('INVALID_REQUEST', `cannot encode ${record.type}: ${(err as Error).message}`);
  }
  const skip = 4 + 4 + (responseHeaderVersion(def, VERSION) === 1 ? 1 : 0);
  const out = new Uint8Array(4 + frame.length - skip);
  const view = new DataView(out.buffer);
  view.setInt16(0, def.key);
  view.setInt16(2, VERSION);
  out.set(frame.subarray(skip), 4);
  return out;
}

export function decodeMetadataRecord(bytes: Uint8Array | null): MetadataRecord {
  if (bytes === null || bytes.length < 4) {
    throw new ControllerError('CORRUPT_METADATA', `metadata record of ${bytes?.length ?? 'null'} bytes has no header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const key = view.getInt16(0);
  const version = view.getInt16(2);
  const type = TYPE_BY_KEY.get(key);
  if (type === undefined) throw new ControllerError('CORRUPT_METADATA', `unknown metadata record type ${key}`);
  if (version !== VERSION) throw new ControllerError('CORRUPT_METADATA', `${type} version ${version} is not supported`);
  try {
    return { type, ...decodeRequestBody(DEFS[type], version, bytes, 4) } as MetadataRecord;
  } catch (err) {
    if (err instanceof ProtocolError) throw new ControllerError('CORRUPT_METADATA', `${type}: ${err.message}`);
    throw err;
  }
}
