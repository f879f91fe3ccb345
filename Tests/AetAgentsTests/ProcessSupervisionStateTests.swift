import Testing

@testable import AetAgents

@Suite("Supervision state machine (pure, driven by explicit instants)")
struct ProcessSupervisionStateTests {
    typealias Machine = SupervisionStateMachine
    let t0 = ContinuousClock.now

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { t0 + .milliseconds(milliseconds) }

    func machine(wall: Int? = 1000, idle: Int? = 300, grace: Int = 200) -> Machine {
        Machine(
            startedAt: t0,
            wallTimeout: wall.map { .milliseconds($0) },
            idleTimeout: idle.map { .milliseconds($0) },
            gracePeriod: .milliseconds(grace)
        )
    }

    @Test("before any deadline it waits for the nearest one")
    func waits() {
        var m = machine()
        #expect(m.next(now: at(0)) == .wait(until: at(300)))
        m.recordActivity(at: at(250))
        #expect(m.next(now: at(260)) == .wait(until: at(550)))
        m.recordActivity(at: at(900))
        #expect(m.next(now: at(900)) == .wait(until: at(1000)), "the wall deadline is nearer than the idle one")
    }

    @Test("idle: SIGTERM once, then SIGKILL after the grace period, then nothing")
    func idleSequence() {
        var m = machine()
        #expect(m.next(now: at(300)) == .terminate(.idleTimeout))
        #expect(m.next(now: at(350)) == .wait(until: at(500)))
        #expect(m.next(now: at(500)) == .kill)
        #expect(m.next(now: at(900)) == .wait(until: nil))
        #expect(m.stopReason == .idleTimeout)
    }

    @Test("wall wins over idle when both have passed")
    func wallFirst() {
        var m = machine(wall: 100, idle: 100)
        #expect(m.next(now: at(150)) == .terminate(.wallTimeout))
    }

    @Test("the first stop reason wins; activity after SIGTERM changes nothing")
    func firstReasonWins() {
        var m = machine()
        m.requestStop(.requested("budget"))
        m.requestStop(.cancelled)
        #expect(m.next(now: at(10)) == .terminate(.requested("budget")))
        m.recordActivity(at: at(20))
        #expect(m.next(now: at(210)) == .kill)
        #expect(m.stopReason == .requested("budget"))
    }

    @Test("no limits: nothing is ever scheduled")
    func unlimited() {
        var m = machine(wall: nil, idle: nil)
        #expect(m.next(now: at(1_000_000)) == .wait(until: nil))
    }

    @Test("after exit: no signals, and stop requests are ignored")
    func exited() {
        var m = machine()
        m.markExited()
        m.requestStop(.cancelled)
        #expect(m.next(now: at(5000)) == .wait(until: nil))
        #expect(m.stopReason == nil)
    }

    @Test("a zero grace period escalates at the next look")
    func zeroGrace() {
        var m = machine(grace: 0)
        #expect(m.next(now: at(1000)) == .terminate(.wallTimeout))
        #expect(m.next(now: at(1000)) == .kill)
    }
}
