package dev.authserver.password;

import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.IntegerType;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The memory of Argon2 verifications, kept from one to the next. libargon2 asks for its whole
 * memory cost (19 MiB) through the allocation callbacks of its context at the start of every
 * hash and gives it back at the end. Taken from malloc each time, as the library's own functions
 * take it, the block lands wherever the allocator's arenas have room; the server's other threads
 * share those arenas, and under a stream of logins the kernel faults in about a quarter of the
 * block anew for each hash, which makes a hash cost about a third more CPU than the same hash
 * alone (docs/performance.md). Kept here, a block is faulted in once and reused; the blocks are
 * returned to the system once none has been used for {@link #IDLE}, so a server between bursts
 * of logins holds none.
 */
final class HashMemory {

	/** How long unused blocks are kept. */
	static final Duration IDLE = Duration.ofSeconds(10);

	/** libargon2's {@code ARGON2_OK}. */
	private static final int OK = 0;

	/** libargon2's {@code ARGON2_MEMORY_ALLOCATION_ERROR}. */
	private static final int ALLOCATION_ERROR = -22;

	private final Duration idle;

	/** Blocks not in use, the most recently returned first. */
	private final Deque<Memory> free = new ConcurrentLinkedDeque<>();

	/** Blocks in use by a hash, by address. */
	private final Map<Long, Memory> lent = new ConcurrentHashMap<>();

	private final AtomicInteger allocations = new AtomicInteger();

	private final AtomicInteger releases = new AtomicInteger();

	private final AtomicLong lastReturned = new AtomicLong();

	private final AtomicBoolean releaseScheduled = new AtomicBoolean();

	/** Its thread ends when it has nothing to do, so an idle server keeps no thread for it. */
	private final ScheduledThreadPoolExecutor releaser;

	// libargon2 calls these through their function pointers: the callbacks must stay reachable
	private final Allocate allocate = new Allocate() {
		@Override
		public int invoke(Pointer memory, SizeT bytes) {
			return allocate(memory, bytes.longValue());
		}
	};

	private final Deallocate deallocate = new Deallocate() {
		@Override
		public void invoke(Pointer memory, SizeT bytes) {
			giveBack(memory);
		}
	};

	final Pointer allocateFunction = CallbackReference.getFunctionPointer(this.allocate);

	final Pointer deallocateFunction = CallbackReference.getFunctionPointer(this.deallocate);

	HashMemory() {
		this(IDLE);
	}

	HashMemory(Duration idle) {
		this.idle = idle;
		this.releaser = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "password-memory");
			thread.setDaemon(true);
			return thread;
		});
		this.releaser.setKeepAliveTime(1, TimeUnit.SECONDS);
		this.releaser.allowCoreThreadTimeOut(true);
	}

	/** Never throws into the native caller: a failure leaves the pointer null, which libargon2 reports as an allocation error. */
	private int allocate(Pointer memory, long bytes) {
		try {
			Memory block = take(bytes);
			this.lent.put(Pointer.nativeValue(block), block);
			memory.setPointer(0, block);
			return OK;
		}
		catch (Throwable ex) {
			memory.setPointer(0, null);
			return ALLOCATION_ERROR;
		}
	}

	private Memory take(long bytes) {
		Memory block;
		while ((block = this.free.pollFirst()) != null) {
			if (block.size() == bytes) {
				return block;
			}
			// a hash of another memory cost: its blocks are not kept
			block.close();
		}
		this.allocations.incrementAndGet();
		return new Memory(bytes);
	}

	/** libargon2 has already wiped the block. */
	private void giveBack(Pointer memory) {
		Memory block = this.lent.remove(Pointer.nativeValue(memory));
		if (block == null) {
			return;
		}
		this.free.addFirst(block);
		this.lastReturned.set(System.nanoTime());
		if (this.releaseScheduled.compareAndSet(false, true)) {
			this.releaser.schedule(this::releaseIfIdle, this.idle.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void releaseIfIdle() {
		long unused = System.nanoTime() - this.lastReturned.get();
		if (unused < this.idle.toNanos()) {
			this.releaser.schedule(this::releaseIfIdle, this.idle.toNanos() - unused, TimeUnit.NANOSECONDS);
			return;
		}
		this.releaseScheduled.set(false);
		Memory block;
		// a block returned from here on schedules the next look itself
		while ((block = this.free.pollLast()) != null) {
			block.close();
			this.releases.incrementAndGet();
		}
	}

	/** Blocks allocated since this was made. */
	int allocations() {
		return this.allocations.get();
	}

	/** Blocks returned to the system after going unused. */
	int releases() {
		return this.releases.get();
	}

	/** Blocks held, in use or not. */
	int held() {
		return this.free.size() + this.lent.size();
	}

	/** {@code int (*allocate_fptr)(uint8_t **memory, size_t bytes_to_allocate)} */
	interface Allocate extends Callback {

		int invoke(Pointer memory, SizeT bytes);

	}

	/** {@code void (*deallocate_fptr)(uint8_t *memory, size_t bytes_to_allocate)} */
	interface Deallocate extends Callback {

		void invoke(Pointer memory, SizeT bytes);

	}

	/** C's {@code size_t}. */
	public static final class SizeT extends IntegerType {

		private static final long serialVersionUID = 1L;

		public SizeT() {
			this(0);
		}

		public SizeT(long value) {
			super(Native.SIZE_T_SIZE, value, true);
		}

	}

}
