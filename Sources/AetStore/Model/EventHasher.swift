import AetCore
import Crypto

/// Computes the canonical bytes and the chained SHA-256 of events (docs/event-format.md).
///
/// `hash = SHA-256(previous hash in the same stream (32 zero bytes for version 1) ‖ canonical bytes)`.
/// Reuses one buffer, so hashing a million events allocates nothing per event.
struct EventHasher {
    /// The hash before a stream's first event.
    static let genesis = [UInt8](repeating: 0, count: 32)
    /// The canonical encoding's own version, its first byte.
    static let canonicalFormatVersion: UInt8 = 1

    private var writer = BinaryWriter(capacity: 512)

    /// Hashes one event's fields, chained to `previous`.
    mutating func hash(
        previous: UnsafeRawBufferPointer, position: Int64, stream: String, version: Int64, typeName: String,
        schemaVersion: Int, recordedAt: Int64, idempotencyKey: String?,
        payload: UnsafeRawBufferPointer, metadata: UnsafeRawBufferPointer
    ) -> SHA256.Digest {
        writer.removeAll()
        writer.write(UInt64(Self.canonicalFormatVersion))
        writer.write(UInt64(bitPattern: position))
        writer.write(stream)
        writer.write(UInt64(bitPattern: version))
        writer.write(typeName)
        writer.write(UInt64(schemaVersion))
        writer.write(recordedAt)
        writer.writeOptional(idempotencyKey)
        writer.write(bytes: payload)
        writer.write(bytes: metadata)
        var hasher = SHA256()
        hasher.update(bufferPointer: previous)
        writer.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }
}

extension SHA256.Digest {
    var bytes: [UInt8] { Array(self) }

    func matches(_ stored: UnsafeRawBufferPointer) -> Bool {
        withUnsafeBytes { digest in digest.elementsEqual(stored) }
    }
}
