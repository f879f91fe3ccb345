import AetCore
import Testing

/// Seeded property and fuzz tests: random events round-trip, random bytes never crash the decoder.
@Suite struct EventFuzzTests {
    @Test("the generator is SplitMix64")
    func generatorIsSplitMix64() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("500 random events round-trip", arguments: [0x5EED, 42] as [UInt64])
    func randomEventsRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for iteration in 0..<500 {
            let event = RandomEvents.make(caseIndex: iteration % DomainEvent.caseCount, using: &rng)
            #expect(event.caseIndex == iteration % DomainEvent.caseCount)
            let decoded = try event.roundTripped()
            #expect(decoded == event, "seed \(seed), iteration \(iteration)")
            #expect(decoded.encodedPayload() == event.encodedPayload())
        }
    }

    @Test(
        "2,000 random byte arrays never crash the decoder",
        arguments: DomainEvent.payloadTypes.map { $0.typeName }
    )
    func randomBytes(typeName: String) throws {
        var rng = SplitMix64(seed: UInt64(truncatingIfNeeded: typeName.fnv1a))
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...48, using: &rng)
            var bytes = rng.bytes(count: length)
            // Small bytes are more likely to form valid lengths and tags.
            if Bool.random(using: &rng) { bytes = bytes.map { $0 & 0x07 } }
            _ = try expectStable(typeName: typeName, payload: bytes)
        }
    }

    @Test("2,000 mutations of each sample never crash the decoder", arguments: EventSamples.all)
    func mutatedSamples(event: DomainEvent) throws {
        var rng = SplitMix64(seed: UInt64(event.caseIndex) &* 7919)
        let original = event.encodedPayload()
        var decodedCount = 0
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where !bytes.isEmpty:
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                case 1 where !bytes.isEmpty:
                    bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
                case 2:
                    bytes.insert(
                        UInt8.random(in: 0...255, using: &rng),
                        at: Int.random(in: 0...bytes.count, using: &rng)
                    )
                default:
                    if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= 0x80 }
                }
            }
            if try expectStable(typeName: event.typeName, payload: bytes) { decodedCount += 1 }
        }
        // Some mutations (e.g. one ASCII letter for another) stay valid: the success path is exercised.
        #expect(decodedCount > 0)
    }

    /// Decodes `payload`; when it decodes, re-encoding and decoding again gives the same event.
    /// - Returns: Whether `payload` decoded.
    private func expectStable(typeName: String, payload: [UInt8]) throws -> Bool {
        let event: DomainEvent
        do {
            event = try DomainEvent.decode(typeName: typeName, schemaVersion: 1, payload: payload)
        } catch {
            #expect(error.typeName == typeName)
            return false  // refusing malformed bytes is the expected outcome
        }
        #expect(event.typeName == typeName)
        #expect(try event.roundTripped() == event)
        return true
    }
}

extension String {
    /// A hash that is the same on every run (`hashValue` is randomly seeded per process).
    fileprivate var fnv1a: UInt64 {
        utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
