import CZlib
import Foundation

/// Compression with the system zlib: zlib streams (PNG image data) and gzip members (W3C Bitstring
/// Status Lists), and bounded decompression of both.
///
/// It exists as its own module so that only the features that write images or status lists link
/// zlib's wrapper, and so that every caller gets the same limits on what it inflates: a hostile
/// "zip bomb" never grows past `limit` bytes.
public enum Deflate {
    /// The container around the deflate data.
    public enum Container: Sendable {
        /// RFC 1950: a two-byte header and an Adler-32 trailer (PNG's IDAT).
        case zlib
        /// RFC 1952: a gzip member (Bitstring Status List's `encodedList`).
        case gzip

        var windowBits: Int32 {
            switch self {
            case .zlib: return MAX_WBITS
            case .gzip: return MAX_WBITS + 16
            }
        }
    }

    /// Why compressing or decompressing failed.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case corrupt(String)
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .corrupt(let reason): return "compressed data is corrupt (\(reason))"
            case .tooLarge(let limit): return "compressed data expands past \(limit) bytes"
            }
        }
    }

    /// Compresses `data` at the best compression level.
    public static func compress(_ data: Data, container: Container) -> Data {
        var stream = z_stream()
        let initialised = deflateInit2_(
            &stream, Z_BEST_COMPRESSION, Z_DEFLATED, container.windowBits, 9, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(initialised == Z_OK, "zlib could not start a deflate stream")
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(data.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var input = [UInt8](data)
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "deflateBound was not enough for zlib")
        return Data(output[0..<Int(stream.total_out)])
    }

    /// Decompresses one complete stream, refusing trailing bytes and anything that expands past `limit`.
    public static func decompress(_ data: Data, container: Container, limit: Int) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, container.windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw Failure.corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        var input = [UInt8](data)
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let finished: Bool = try input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else { throw Failure.tooLarge(limit: limit) }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END: return stream.avail_in == 0
                case Z_OK: continue
                case Z_BUF_ERROR where produced > 0: continue
                case Z_BUF_ERROR: throw Failure.corrupt("the stream ends early")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw Failure.corrupt(message)
                }
            }
        }
        guard finished else { throw Failure.corrupt("bytes follow the end of the stream") }
        return output
    }
}
