import Testing
import Sched

@Suite("Fatal checks in normal runs")
struct ExitTests {
    @Test func bugOnTraps() async {
        await #expect(processExitsWith: .failure) {
            BUG_ON(true, "deliberate")
        }
    }

    @Test func bugOnFalseDoesNotTrap() {
        BUG_ON(false, "never")
    }

    @Test func useAfterFreeTraps() async {
        await #expect(processExitsWith: .failure) {
            let object = RCUObject(kind: "vma")
            call_rcu(object)
            rcu_barrier()
            object.access("vm_start")
        }
    }

    @Test func upWriteWithoutHoldingTraps() async {
        await #expect(processExitsWith: .failure) {
            RWSemaphore(name: "lock").up_write()
        }
    }

    @Test func upReadWithoutHoldingTraps() async {
        await #expect(processExitsWith: .failure) {
            RWSemaphore(name: "lock").up_read()
        }
    }
}
