import Benchmark
import NIOCore
import XCASOAP

/// A RAD-75-shaped MTOM response: a small root part and `parts` DICOM-sized attachments of `partSize` bytes,
/// delivered as 64 KiB chunks the way a socket hands them over. The chunks are produced on the fly (the same
/// pattern buffer is handed out again and again), so the body itself takes no memory.
struct SyntheticMTOMBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let writer: MTOMWriter
    let parts: Int
    let partSize: Int
    static let chunkSize = 64 << 10
    static let pattern: ByteBuffer = {
        var buffer = ByteBufferAllocator().buffer(capacity: chunkSize)
        for index in 0..<chunkSize { buffer.writeInteger(UInt8(truncatingIfNeeded: index &* 131 &+ 7)) }
        return buffer
    }()

    var contentType: MIMEContentType { writer.contentType }
    var totalAttachmentBytes: Int { parts * partSize }

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: SyntheticMTOMBody
        var part = -1
        var sent = 0
        var closed = false

        mutating func next() async -> ByteBuffer? {
            if part == -1 {
                part = 0
                var head = body.writer.rootPartHead()
                head.writeString("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body/></env:Envelope>")
                return head
            }
            if part >= body.parts {
                if closed { return nil }
                closed = true
                return body.writer.close()
            }
            if sent == 0 {
                sent = -1
                // A force-try is acceptable in a benchmark: the Content-ID is our own and valid.
                return body.writer.attachmentHead(
                    contentID: try! ContentID("instance-\(part)@bench"),
                    contentType: .octetStream
                )
            }
            let already = Swift.max(sent, 0)
            let size = Swift.min(SyntheticMTOMBody.chunkSize, body.partSize - already)
            sent = already + size
            if sent >= body.partSize {
                part += 1
                sent = 0
            }
            return SyntheticMTOMBody.pattern.getSlice(at: 0, length: size)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
}

func mtomBenchmarks() {
    Benchmark(
        "MTOM reader: 1 GiB in 2,048 attachments of 512 KiB (64 KiB chunks)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal],
            scalingFactor: .one,
            maxIterations: 10
        )
    ) { benchmark in
        // A force-try is acceptable in a benchmark's set-up: the input is our own.
        let body = SyntheticMTOMBody(writer: try! MTOMWriter(action: "urn:bench"), parts: 2_048, partSize: 512 << 10)
        for _ in benchmark.scaledIterations {
            var reader = try MTOMReader(contentType: body.contentType, body: body)
            _ = try await reader.readRootPart()
            var bytes = 0
            while try await reader.nextAttachment() != nil {
                while let chunk = try await reader.nextAttachmentChunk() { bytes += chunk.readableBytes }
            }
            precondition(bytes == body.totalAttachmentBytes, "lost bytes")
            blackHole(bytes)
        }
    }
}
