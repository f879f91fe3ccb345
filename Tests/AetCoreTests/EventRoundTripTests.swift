import AetCore
import Testing

/// Every `DomainEvent` case survives `encodedPayload()` → `DomainEvent.decode`, and damaged payloads
/// are refused with `EventDecodingError`.
@Suite struct EventRoundTripTests {
    @Test("the samples cover every case exactly once")
    func samplesCoverEveryCase() {
        #expect(EventSamples.all.count == DomainEvent.caseCount)
        #expect(EventSamples.all.map(\.caseIndex) == Array(0..<DomainEvent.caseCount))
        #expect(DomainEvent.payloadTypes.count == DomainEvent.caseCount)
    }

    @Test("every case round-trips", arguments: EventSamples.all + EventSamples.edgeCases)
    func roundTrip(event: DomainEvent) throws {
        #expect(try event.roundTripped() == event)
    }

    @Test("the decoder also reads from a slice of a larger buffer", arguments: EventSamples.all)
    func decodeFromSlice(event: DomainEvent) throws {
        let bytes: [UInt8] = [0xEE, 0xEE] + event.encodedPayload() + [0xEE]
        let decoded = try bytes.withUnsafeBytes { raw in
            try DomainEvent.decode(
                typeName: event.typeName,
                schemaVersion: event.schemaVersion,
                payload: UnsafeRawBufferPointer(rebasing: raw[2..<(raw.count - 1)])
            )
        }
        #expect(decoded == event)
    }

    @Test("stored type names never change", arguments: zip(EventSamples.all, EventSamples.typeNames).map { ($0, $1) })
    func typeNames(event: DomainEvent, typeName: String) {
        #expect(event.typeName == typeName)
        #expect(event.schemaVersion == 1)
    }

    @Test("payloadTypes have unique names, each naming a decodable case")
    func payloadTypesDecode() throws {
        let names = DomainEvent.payloadTypes.map { $0.typeName }
        #expect(Set(names).count == names.count)
        #expect(Set(names) == Set(EventSamples.typeNames))
        for payloadType in DomainEvent.payloadTypes {
            let name = payloadType.typeName
            let sample = try #require(EventSamples.all.first { $0.typeName == name }, "no sample for \(name)")
            let decoded = try DomainEvent.decode(
                typeName: name,
                schemaVersion: payloadType.schemaVersion,
                payload: sample.encodedPayload()
            )
            #expect(decoded == sample)
            #expect(ObjectIdentifier(type(of: decoded.payload)) == ObjectIdentifier(payloadType))
        }
    }

    @Test("a payload's own encode matches encodedPayload", arguments: EventSamples.all)
    func payloadEncodeMatches(event: DomainEvent) {
        var writer = BinaryWriter()
        event.payload.encode(to: &writer)
        #expect(writer.bytes == event.encodedPayload())
    }

    @Test("the TicketCreated payload has the documented layout")
    func ticketCreatedLayout() {
        let event = DomainEvent.ticketCreated(
            TicketCreated(
                ticket: TicketID(3),
                draft: TicketDraft(
                    description: "hi",
                    mode: .full,
                    priority: -1,
                    dependencies: [TicketID(1)],
                    baseBranch: "m"
                )
            )
        )
        // ticket 3 (zigzag 6), "hi", "full", priority -1 (zigzag 1), [1 (zigzag 2)], "m"
        #expect(event.encodedPayload() == [6, 2, 0x68, 0x69, 4, 0x66, 0x75, 0x6C, 0x6C, 1, 1, 2, 1, 0x6D])
    }

    @Test("an unknown type name is refused")
    func unknownTypeName() {
        let error = #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(typeName: "ticket.exploded", schemaVersion: 1, payload: [UInt8]())
        }
        #expect(error?.typeName == "ticket.exploded")
        #expect(error?.reason.contains("unknown event type") == true)
        #expect(error?.description.hasPrefix("cannot decode event of type 'ticket.exploded'") == true)
    }

    @Test("a near-miss type name is refused", arguments: ["", "Ticket.Created", "ticket.created ", "ticket_created"])
    func nearMissTypeName(typeName: String) {
        let sample = EventSamples.all[0]
        #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(typeName: typeName, schemaVersion: 1, payload: sample.encodedPayload())
        }
    }

    @Test("an unknown schema version is refused", arguments: [0, 2, -1, Int.max, Int.min])
    func unknownSchemaVersion(version: Int) {
        for sample in EventSamples.all {
            let error = #expect(throws: EventDecodingError.self) {
                try DomainEvent.decode(
                    typeName: sample.typeName,
                    schemaVersion: version,
                    payload: sample.encodedPayload()
                )
            }
            #expect(error?.typeName == sample.typeName)
            #expect(error?.reason.contains("schema version \(version)") == true)
        }
    }

    @Test("a long type name is cut to 60 characters in the error")
    func longTypeNameIsShortened() {
        let name = String(repeating: "x", count: 100)
        let error = #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(typeName: name, schemaVersion: 1, payload: [UInt8]())
        }
        #expect(error?.typeName == String(repeating: "x", count: 60))
    }

    @Test("a payload missing its last byte is refused", arguments: EventSamples.all + EventSamples.edgeCases)
    func truncatedByOneByte(event: DomainEvent) {
        let payload = event.encodedPayload()
        let error = #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(typeName: event.typeName, schemaVersion: 1, payload: Array(payload.dropLast()))
        }
        #expect(error?.typeName == event.typeName)
    }

    @Test("every strict prefix of a payload is refused", arguments: EventSamples.all + EventSamples.edgeCases)
    func everyPrefixIsRefused(event: DomainEvent) {
        let payload = event.encodedPayload()
        // The one exception: a run.finished without its trailing turns is the older, valid form of that event.
        var olderForm: Int?
        if case .runFinished(var finished) = event, finished.turns != nil {
            finished.turns = nil
            olderForm = DomainEvent.runFinished(finished).encodedPayload().count
        }
        for length in 0..<payload.count where length != olderForm {
            #expect(throws: EventDecodingError.self, "prefix of \(length) bytes") {
                try DomainEvent.decode(
                    typeName: event.typeName,
                    schemaVersion: 1,
                    payload: Array(payload.prefix(length))
                )
            }
        }
    }

    @Test("a payload with a trailing byte is refused", arguments: EventSamples.all)
    func trailingByte(event: DomainEvent) {
        let error = #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(typeName: event.typeName, schemaVersion: 1, payload: event.encodedPayload() + [0])
        }
        #expect(error?.reason.contains("1 unexpected trailing bytes") == true)
    }

    @Test("out-of-range stored values are refused")
    func invalidStoredValues() throws {
        // ticket number 0 and -1 in ticket.created
        for ticket in [[UInt8(0)], [1]] {
            let payload = ticket + [0, 4, 0x66, 0x75, 0x6C, 0x6C, 0, 0, 1, 0x6D]
            #expect(throws: EventDecodingError.self) {
                try DomainEvent.decode(typeName: "ticket.created", schemaVersion: 1, payload: payload)
            }
        }
        // the same payload with ticket 1 (zigzag 2) decodes
        let valid = try DomainEvent.decode(
            typeName: "ticket.created",
            schemaVersion: 1,
            payload: [2, 0, 4, 0x66, 0x75, 0x6C, 0x6C, 0, 0, 1, 0x6D]
        )
        #expect(
            valid
                == .ticketCreated(
                    TicketCreated(ticket: TicketID(1), draft: TicketDraft(description: "", baseBranch: "m"))
                )
        )
        // an unknown mode in ticket.created
        #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(
                typeName: "ticket.created",
                schemaVersion: 1,
                payload: [2, 0, 4, 0x66, 0x61, 0x73, 0x74, 0, 0, 1, 0x6D]
            )
        }
        // run.finished: run "", status "done" instead of "failed", then six absent or zero fields
        #expect(
            try DomainEvent.decode(
                typeName: "run.finished",
                schemaVersion: 1,
                payload: [0, 6, 0x66, 0x61, 0x69, 0x6C, 0x65, 0x64, 0, 0, 0, 0, 0, 0]
            )
                == .runFinished(
                    RunFinished(
                        run: RunID(rawValue: ""),
                        status: .failed,
                        exitCode: nil,
                        durationMilliseconds: 0,
                        tokensIn: 0,
                        tokensOut: 0,
                        costMicros: nil,
                        reason: nil
                    )
                )
        )
        #expect(throws: EventDecodingError.self) {
            try DomainEvent.decode(
                typeName: "run.finished",
                schemaVersion: 1,
                payload: [0, 4, 0x64, 0x6F, 0x6E, 0x65, 0, 0, 0, 0, 0, 0]
            )
        }
    }
}
