import NIOCore
import NIOPosix

/// The program's entry: NIO's event loops become Swift Concurrency's global executor before any task runs, so
/// that a request's tasks run on the event loop threads that do its I/O instead of hopping between them and a
/// separate pool (a thread switch and an eventfd wake-up each way).
@main
enum Entry {
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await XCAGatewayCommand.main()
    }
}
