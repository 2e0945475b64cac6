import Glibc

/// A POSIX counting semaphore with a stable address: the explorer's hand-off between threads.
final class Semaphore: @unchecked Sendable {
    private let sem = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

    init() {
        sem.initialize(to: sem_t())
        precondition(sem_init(sem, 0, 0) == 0, "sem_init failed")
    }

    deinit {
        sem_destroy(sem)
        sem.deallocate()
    }

    func post() { sem_post(sem) }

    func wait() {
        while sem_wait(sem) != 0 {}  // EINTR
    }
}
