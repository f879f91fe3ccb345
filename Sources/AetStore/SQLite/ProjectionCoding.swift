import AetCore

/// The binary form of a ticket's stages and runs in the `tickets.stages` and `tickets.runs`
/// columns: a format byte, then the array (docs/event-store.md). One row per ticket keeps
/// projection writes to one row per ticket, which is what lets `rebuild` keep up with the log.
enum ProjectionCoding {
    static let formatVersion: UInt8 = 1

    static func encode(stages: [StageState]) -> [UInt8] {
        var writer = BinaryWriter(capacity: 16 + stages.count * 48)
        writer.write(UInt64(formatVersion))
        writer.writeArray(stages) { writer, stage in
            writer.write(stage.name.rawValue)
            writer.write(stage.status.rawValue)
            writer.write(stage.attempts)
            writer.writeOptional(stage.note)
            writer.write(stage.updatedAt.microseconds)
        }
        return writer.bytes
    }

    static func encode(runs: [RunState]) -> [UInt8] {
        var writer = BinaryWriter(capacity: 16 + runs.count * 96)
        writer.write(UInt64(formatVersion))
        writer.writeArray(runs) { writer, run in
            writer.write(run.id.rawValue)
            writer.write(run.stage.rawValue)
            writer.write(run.attempt)
            writer.write(run.runtime)
            writer.write(run.status.rawValue)
            writer.write(run.startedAt.microseconds)
            writer.writeOptional(run.finishedAt) { $0.write($1.microseconds) }
            writer.writeOptional(run.exitCode) { $0.write($1) }
            writer.writeOptional(run.durationMilliseconds) { $0.write($1) }
            writer.write(run.tokensIn)
            writer.write(run.tokensOut)
            writer.writeOptional(run.costMicros) { $0.write($1) }
            writer.writeOptional(run.reason)
        }
        return writer.bytes
    }

    static func decodeStages(_ bytes: UnsafeRawBufferPointer) throws(BinaryDecodingError) -> [StageState] {
        var reader = BinaryReader(unsafeBuffer: bytes)
        try expectFormat(&reader)
        let stages = try reader.readArray { (r: inout BinaryReader) throws(BinaryDecodingError) in
            StageState(
                name: StageName(rawValue: try r.readString()), status: try r.readEnum(StageStatus.self),
                attempts: try r.readInt(), note: try r.readOptionalString(),
                updatedAt: Timestamp(microseconds: try r.readInt64()))
        }
        try reader.expectEnd()
        return stages
    }

    static func decodeRuns(_ bytes: UnsafeRawBufferPointer) throws(BinaryDecodingError) -> [RunState] {
        var reader = BinaryReader(unsafeBuffer: bytes)
        try expectFormat(&reader)
        let runs = try reader.readArray { (r: inout BinaryReader) throws(BinaryDecodingError) in
            RunState(
                id: RunID(rawValue: try r.readString()), stage: StageName(rawValue: try r.readString()),
                attempt: try r.readInt(),
                runtime: try r.readString(), status: try r.readEnum(RunStatus.self),
                startedAt: Timestamp(microseconds: try r.readInt64()),
                finishedAt: try r.readOptionalInt64().map(Timestamp.init(microseconds:)),
                exitCode: try r.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readInt() },
                durationMilliseconds: try r.readOptionalInt64(), tokensIn: try r.readInt64(),
                tokensOut: try r.readInt64(),
                costMicros: try r.readOptionalInt64(), reason: try r.readOptionalString())
        }
        try reader.expectEnd()
        return runs
    }

    private static func expectFormat(_ reader: inout BinaryReader) throws(BinaryDecodingError) {
        let format = try reader.readUInt64()
        guard format == UInt64(formatVersion) else {
            throw BinaryDecodingError(offset: 0, reason: "unknown projection format \(format)")
        }
    }
}
