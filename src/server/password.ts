import { argon2id, argon2Verify } from 'hash-wasm';
import type * as NodeModule from 'node:module';
import type * as NodeOs from 'node:os';
import type * as NodeWorkerThreads from 'node:worker_threads';
import { randomBytes, toHex } from './crypto.ts';

/**
 * Password hashing with Argon2id (memory-hard), through hash-wasm so it runs in Node and browsers.
 * Parameters follow the OWASP recommendation (19 MiB, 2 passes, 1 lane). In Node the work runs in
 * worker threads, so a flood of sign-ins cannot stall the event loop (every other endpoint keeps
 * answering) and throughput grows with cores; the queue in front of them is bounded.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
export interface PasswordHashingOptions {
  /** Memory in KiB. @default 19456 */
  memorySize?: number;
  /** Passes. @default 2 */
  iterations?: number;
  /**
   * Worker threads that hash. 0 hashes on the calling thread (the default where there are no worker
   * threads, such as a browser running the backend under msw). @default in Node, the machine's cores
   * less one (at least one): the event loop keeps a core for every other request
   */
  workers?: number;
  /**
   * Hashes that may wait for a free worker; beyond that a sign-in or sign-up is answered 503 with
   * `Retry-After` at once instead of joining an ever longer queue. @default 64
   */
  maxQueue?: number;
}

/** Thrown when the hashing queue is full: the backend answers 503 with `Retry-After`. */
export class HashingBusyError extends Error {
  constructor() {
    super('Too many sign-ins are being checked right now; try again in a moment');
    this.name = 'HashingBusyError';
  }
}

type Task = { op: 'hash'; password: string; salt: Uint8Array; memorySize: number; iterations: number } | { op: 'verify'; password: string; hash: string };

/** The worker's code: one task at a time, answered by id. Plain JS, evaluated by `new Worker(…, { eval: true })`. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { argon2id, argon2Verify } = require(workerData.hashWasm);
parentPort.on('message', async ({ id, task }) => {
  try {
    const result = task.op === 'hash'
      ? await argon2id({ password: task.password, salt: task.salt, parallelism: 1, iterations: task.iterations, memorySize: task.memorySize, hashLength: 32, outputType: 'encoded' })
      : await argon2Verify({ password: task.password, hash: task.hash });
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface WorkerLike {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: { id: number; result?: unknown; error?: string }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

function runInline(task: Task): Promise<string | boolean> {
  return task.op === 'hash'
    ? argon2id({ password: task.password, salt: task.salt, parallelism: 1, iterations: task.iterations, memorySize: task.memorySize, hashLength: 32, outputType: 'encoded' })
    : argon2Verify({ password: task.password, hash: task.hash });
}

/** Whether this is Node with worker threads (not a browser bundle of the backend). */
function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

async function defaultWorkers(): Promise<number> {
  if (!isNode()) return 0;
  const os = (await import(/* @vite-ignore */ 'node:os' as string)) as typeof NodeOs;
  return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);
}

/** A fixed set of worker threads fed from one bounded queue. */
function createPool(size: number, maxQueue: number) {
  type Job = { task: Task; resolve: (v: string | boolean) => void; reject: (e: Error) => void };
  const idle: WorkerLike[] = [];
  const waiting: Job[] = [];
  const running = new Map<WorkerLike, Job>();
  let started: Promise<void> | undefined;
  let closed = false;
  let completed = 0;
  let nextId = 0;

  async function start() {
    // Imported by a name the bundler does not follow: a browser bundle of the backend (msw) never loads them.
    const { Worker } = (await import(/* @vite-ignore */ 'node:worker_threads' as string)) as typeof NodeWorkerThreads;
    const { createRequire } = (await import(/* @vite-ignore */ 'node:module' as string)) as typeof NodeModule;
    const hashWasm = createRequire(import.meta.url).resolve('hash-wasm');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { hashWasm } }) as unknown as WorkerLike;
      // Idle workers must not keep a process alive that has nothing else to do.
      worker.unref();
      worker.on('message', (reply) => {
        const job = running.get(worker);
        running.delete(worker);
        if (job) {
          completed++;
          if (reply.error !== undefined) job.reject(new Error(reply.error));
          else job.resolve(reply.result as string | boolean);
        }
        next(worker);
      });
      worker.on('error', (error) => {
        const job = running.get(worker);
        running.delete(worker);
        job?.reject(error);
      });
      idle.push(worker);
    }
  }

  function next(worker: WorkerLike) {
    const job = waiting.shift();
    if (!job || closed) {
      idle.push(worker);
      return;
    }
    running.set(worker, job);
    worker.postMessage({ id: ++nextId, task: job.task });
  }

  return {
    async run(task: Task): Promise<string | boolean> {
      if (closed) throw new Error('The password hasher is closed');
      await (started ??= start());
      if (idle.length === 0 && waiting.length >= maxQueue) throw new HashingBusyError();
      return new Promise((resolve, reject) => {
        waiting.push({ task, resolve, reject });
        const worker = idle.pop();
        if (worker) next(worker);
      });
    },
    get completed() {
      return completed;
    },
    get threads() {
      return started === undefined ? 0 : size;
    },
    async close() {
      closed = true;
      if (!started) return;
      await started;
      for (const job of waiting.splice(0)) job.reject(new Error('The password hasher is closed'));
      await Promise.all([...idle, ...running.keys()].map((w) => w.terminate()));
    },
  };
}

export function createPasswordHasher(options: PasswordHashingOptions = {}) {
  const memorySize = options.memorySize ?? 19456;
  const iterations = options.iterations ?? 2;
  const maxQueue = options.maxQueue ?? 64;
  let pool: ReturnType<typeof createPool> | null | undefined;
  const poolOnce = async () => {
    if (pool !== undefined) return pool;
    const size = options.workers ?? (await defaultWorkers());
    pool = size > 0 ? createPool(size, maxQueue) : null;
    return pool;
  };
  const run = async (task: Task) => {
    const p = await poolOnce();
    return p ? p.run(task) : runInline(task);
  };
  const hash = async (password: string) => (await run({ op: 'hash', password, salt: randomBytes(16), memorySize, iterations })) as string;
  let dummy: Promise<string> | undefined;
  return {
    hash,
    /**
     * Checks a password (argon2Verify compares in constant time). Without a stored hash it still does
     * the work against a dummy, so an unknown email answers as slowly as a wrong password.
     */
    async verify(password: string, stored: string | undefined): Promise<boolean> {
      if (stored === undefined) {
        // A failed dummy (the queue was full) is made again next time, not remembered as failed.
        dummy ??= hash(toHex(randomBytes(16))).catch((error: unknown) => {
          dummy = undefined;
          throw error;
        });
        await run({ op: 'verify', password, hash: await dummy });
        return false;
      }
      return (await run({ op: 'verify', password, hash: stored })) as boolean;
    },
    /** How the hashing is spread: worker threads started, and hashes and checks they finished. */
    stats(): { threads: number; completedOffMainThread: number } {
      return { threads: pool?.threads ?? 0, completedOffMainThread: pool?.completed ?? 0 };
    },
    /** Stops the worker threads (the backend's `close()` calls it). */
    async close(): Promise<void> {
      await pool?.close();
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
