/// A tiny deterministic generator (SplitMix64) so property and fuzz tests are reproducible from a seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random bytes.
    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// An integer that is often an edge value (0, ±1, min, max) and otherwise uniform.
    mutating func edgyInt64() -> Int64 {
        switch Int.random(in: 0..<8, using: &self) {
        case 0: 0
        case 1: 1
        case 2: -1
        case 3: .max
        case 4: .min
        case 5: Int64.random(in: -200...200, using: &self)
        default: Int64(bitPattern: next())
        }
    }

    mutating func edgyInt() -> Int { Int(edgyInt64()) }

    /// A string mixing ASCII, control characters, NUL, multi-byte scalars and combining marks;
    /// sometimes long enough for a multi-byte length prefix.
    mutating func string() -> String {
        let pool: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "-", "/", ".", "\t", "\n", "\r", "\0", "\u{01}", "\u{7F}", "\u{85}",
            "é", "ß", "\u{0301}", "日", "本", "\u{FFFD}", "\u{FEFF}", "🎉", "👨", "\u{200D}", "\u{10FFFF}",
        ]
        let length =
            Bool.random(using: &self) ? Int.random(in: 0...12, using: &self) : Int.random(in: 0...300, using: &self)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length { scalars.append(pool[Int.random(in: 0..<pool.count, using: &self)]) }
        return String(scalars)
    }

    mutating func optional<T>(_ make: (inout SplitMix64) -> T) -> T? {
        Bool.random(using: &self) ? make(&self) : nil
    }
}
