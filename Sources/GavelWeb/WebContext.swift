import Hummingbird

/// The request context of the web companion: Hummingbird's core storage and the peer's address,
/// which the failed-attempt limiter counts by.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address; nil when there is no socket (in-process tests).
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Hummingbird's own cap for decoded bodies; the routes collect bodies with a smaller one.
    public var maxUploadSize: Int { WebRoutes.maximumBodyBytes }
}
