/// The web companion's links as the chair console shows them (`w`): each role's URL and its QR
/// code's modules. Pure data: the executable reads the session's tokens and encodes the codes;
/// the overlay only draws them.
public struct WebLinkCodes: Sendable, Equatable {
    public struct Code: Sendable, Equatable {
        /// `speaker`, `notes`.
        public var role: String
        public var url: String
        /// Modules per side; `dark` holds size × size values, row by row.
        public var size: Int
        public var dark: [Bool]

        public init(role: String, url: String, size: Int, dark: [Bool]) {
            self.role = role
            self.url = url
            self.size = size
            self.dark = dark
        }

        public func isDark(_ x: Int, _ y: Int) -> Bool { dark[y * size + x] }
    }

    public var codes: [Code]
    /// No server runs on the session now: the links work once one does.
    public var serverRunning: Bool

    public init(codes: [Code], serverRunning: Bool) {
        self.codes = codes
        self.serverRunning = serverRunning
    }
}
