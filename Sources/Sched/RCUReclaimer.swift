import Glibc

/// The normal-run `call_rcu` back end: a detached thread that waits out a grace period per batch.
final class RCUReclaimer: @unchecked Sendable {
    static let shared = RCUReclaimer()

    private let parker = Parker()
    private var queue: [(object: RCUObject, callback: (() -> Void)?, site: SourceSite)] = []
    private var enqueued = 0
    private var completed = 0
    private var started = false

    func enqueue(_ object: RCUObject, callback: (() -> Void)?, site: SourceSite) {
        parker.withLock {
            queue.append((object, callback, site))
            enqueued += 1
            if !started {
                started = true
                startThread()
            }
            parker.broadcast()
        }
    }

    /// Waits until every object enqueued so far has been freed.
    func barrier() {
        parker.withLock {
            let target = enqueued
            while completed < target { parker.wait() }
        }
    }

    private func startThread() {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(&thread, nil, { raw in
            let reclaimer = Unmanaged<RCUReclaimer>.fromOpaque(raw!).takeRetainedValue()
            reclaimer.run()
        }, context)
        precondition(rc == 0, "call_rcu: cannot start the reclaimer thread")
        pthread_detach(thread)
    }

    private func run() -> Never {
        ThreadState.current.name = "rcu reclaimer"
        while true {
            let batch = parker.withLock {
                while queue.isEmpty { parker.wait() }
                defer { queue.removeAll(keepingCapacity: true) }
                return queue
            }
            RCUGrace.synchronize()
            for pending in batch {
                pending.callback?()
                pending.object.poison(freedBy: pending.site, graceEnd: nil)
            }
            parker.withLock {
                completed += batch.count
                parker.broadcast()
            }
        }
    }
}
