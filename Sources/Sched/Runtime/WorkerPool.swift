import Glibc
import Synchronization

/// An OS thread that runs model threads (and setup/finally) for one exploration, one job at a time.
final class Worker: @unchecked Sendable {
    /// Posted to start a job or to resume the model thread parked on this worker.
    let wake = Semaphore()
    /// The next job; nil with a post means "shut down".
    var job: (() -> Void)?
    /// Set once the thread has exited (shut down, or torn down out of a failed schedule).
    var exited = false
    fileprivate var thread = pthread_t()

    fileprivate func run() {
        while true {
            wake.wait()
            guard let job else { return }
            self.job = nil
            job()
        }
    }
}

/// The explorer's threads, reused across schedules; a thread torn down out of a failed
/// schedule is joined and replaced, so nothing accumulates.
final class WorkerPool {
    private(set) var workers: [Worker] = []
    private let stats: ExplorerStats

    init(stats: ExplorerStats) {
        self.stats = stats
    }

    /// Makes sure at least `count` live workers exist (replacing exited ones) and returns them.
    func ensure(_ count: Int) -> [Worker] {
        reap()
        while workers.count < count { workers.append(spawn()) }
        return Array(workers.prefix(count))
    }

    /// Joins the workers whose threads have exited (torn down out of a failed schedule).
    func reap() {
        for index in workers.indices where workers[index].exited {
            pthread_join(workers[index].thread, nil)
            stats.workersAlive.subtract(1, ordering: .relaxed)
            workers[index] = spawn()
        }
    }

    /// Stops and joins every worker.
    func shutdown() {
        for worker in workers {
            if !worker.exited {
                worker.job = nil
                worker.wake.post()
            }
            pthread_join(worker.thread, nil)
            stats.workersAlive.subtract(1, ordering: .relaxed)
        }
        workers.removeAll()
    }

    private func spawn() -> Worker {
        stats.workersSpawned.add(1, ordering: .relaxed)
        stats.workersAlive.add(1, ordering: .relaxed)
        let worker = Worker()
        let context = Unmanaged.passRetained(worker).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 4 << 20)
        let rc = pthread_create(&worker.thread, &attributes, { raw in
            let worker = Unmanaged<Worker>.fromOpaque(raw!).takeRetainedValue()
            worker.run()
            return nil
        }, context)
        pthread_attr_destroy(&attributes)
        precondition(rc == 0, "explorer: cannot create a worker thread")
        return worker
    }
}
