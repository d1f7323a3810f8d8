import Foundation
import GRDB

/// A writer's check of every page (`PRAGMA quick_check`), made on a connection of its own on
/// another thread while the view reads what its first frame needs and draws it: at 100,000
/// notes the check reads 40 MB, about 40 ms that the screen no longer waits for. Every write
/// waits for it (`SessionFiles.awaitPageCheck`), so nothing is written into a damaged file, and
/// a view hears what it found before it takes a key.
final class BackgroundPageCheck: @unchecked Sendable {
    private let finished = DispatchGroup()
    /// Set once, on the checking thread, before `finished` is left.
    private var outcome: Result<Void, SessionStoreError> = .success(())

    init(path: String) {
        finished.enter()
        Thread.detachNewThread { [self] in
            defer { finished.leave() }
            outcome = Self.check(path)
        }
    }

    /// Blocks until the check is done; throws what it found.
    func wait() throws(SessionStoreError) {
        finished.wait()
        try outcome.get()
    }

    private static func check(_ path: String) -> Result<Void, SessionStoreError> {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(SessionStore.busyTimeout)
            configuration.label = "GavelStore page check"
            // Every page is read once: a small cache does, and the view's peak memory stays its own.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -256") }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let found = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard found == ["ok"] else {
                return .failure(.corrupt(path: path, detail: found.prefix(3).joined(separator: "; ")))
            }
            return .success(())
        } catch {
            return .failure(SessionStoreError.from(error, path: path))
        }
    }
}
