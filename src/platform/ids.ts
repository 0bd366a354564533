/**
 * 64-bit, time-ordered ids generated in the application (ready for Citus: no sequences on distributed tables).
 * Layout: 41 bits of milliseconds since 2024-01-01 | 10 bits of generator (node) id | 12 bits of sequence.
 * The node id comes from a database sequence when the process connects, so two processes never share one.
 * Bulk inserts reserve a block and compute ids in SQL with `idExpression`.
 */
const EPOCH_MS = Date.UTC(2024, 0, 1);
const SEQUENCE_BITS = 12n;
const NODE_BITS = 10n;
const SEQUENCE_SIZE = 1n << SEQUENCE_BITS;

let nodeId = BigInt(process.pid % 1024);
let lastMs = 0n;
let sequence = 0n;

export function setIdNode(id: number) {
  nodeId = BigInt(id % 1024);
}

function compose(ms: bigint, seq: bigint) {
  return (ms << (NODE_BITS + SEQUENCE_BITS)) | (nodeId << SEQUENCE_BITS) | seq;
}

export function newId(): bigint {
  const now = BigInt(Date.now() - EPOCH_MS);
  if (now > lastMs) { lastMs = now; sequence = 0n; }
  else if (++sequence >= SEQUENCE_SIZE) { lastMs += 1n; sequence = 0n; }
  return compose(lastMs, sequence);
}

/** A block of `count` ids: id(k) = ((startMs + k / 4096) << 22) | node << 12 | k % 4096, for k in [0, count). */
export interface IdBlock { startMs: bigint; node: bigint; count: number }

export function reserveIds(count: number): IdBlock {
  const now = BigInt(Date.now() - EPOCH_MS);
  const startMs = (now > lastMs ? now : lastMs) + 1n;
  lastMs = startMs + BigInt(Math.ceil(count / Number(SEQUENCE_SIZE)));
  sequence = 0n;
  return { startMs, node: nodeId, count };
}

export function idAt(block: IdBlock, k: number): bigint {
  const index = BigInt(k);
  return ((block.startMs + index / SEQUENCE_SIZE) << (NODE_BITS + SEQUENCE_BITS)) | (block.node << SEQUENCE_BITS) | (index % SEQUENCE_SIZE);
}

/** SQL expression computing idAt(block, k) for an integer SQL expression `k` (0-based). */
export function idExpression(block: IdBlock, k: string): string {
  return `(((${block.startMs}::bigint + ((${k})::bigint >> 12)) << 22) | ${block.node << SEQUENCE_BITS}::bigint | ((${k})::bigint & 4095))`;
}
