extension Explorer {
    /// Whether `token` has the shape of a replay token (`<strategy>.<maxSteps>.<choices>`), so a
    /// tool can refuse a mistyped one as bad input before replaying anything.
    public static func isWellFormed(replayToken token: String) -> Bool {
        ReplayToken.decode(token) != nil
    }
}
