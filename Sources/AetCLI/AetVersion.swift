/// aet's version, as `aet --version` prints it.
public enum AetVersion {
    /// The release this source tree builds: major.minor.patch.
    public static let number = "0.4.0"
    /// `aet 0.4.0`.
    public static let description = "aet \(number)"
}
