import AetCore
import Testing

/// `run.finished` gained `turns` after its first events were written: stored only when known, after
/// every other field, so older events decode unchanged and every event keeps one encoding.
@Suite struct RunFinishedTurnsTests {
    let base = RunFinished(
        run: RunID(rawValue: "T-1.plan.1"), status: .succeeded, exitCode: 0, durationMilliseconds: 5,
        tokensIn: 1, tokensOut: 2, costMicros: nil, reason: nil)

    @Test func withoutTurnsTheBytesAreThoseOfTheFirstFormat() throws {
        let bytes = DomainEvent.runFinished(base).encodedPayload()
        var withTurns = base
        withTurns.turns = 3
        let longer = DomainEvent.runFinished(withTurns).encodedPayload()
        #expect(Array(longer.prefix(bytes.count)) == bytes)
        #expect(longer.count > bytes.count)
        let decoded = try DomainEvent.decode(typeName: RunFinished.typeName, schemaVersion: 1, payload: longer)
        #expect(decoded == .runFinished(withTurns))
        #expect(
            try DomainEvent.decode(typeName: RunFinished.typeName, schemaVersion: 1, payload: bytes)
                == .runFinished(base))
    }

    @Test func anExplicitAbsentTurnsFieldIsRefused() {
        let bytes = DomainEvent.runFinished(base).encodedPayload() + [0]
        #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(typeName: RunFinished.typeName, schemaVersion: 1, payload: bytes)
        }
    }
}
