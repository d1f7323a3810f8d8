/// Where bytes are written: an array, or a `JSONWriter`'s buffer. The time fields
/// (`SummaryTime.iso`, `offset`, `digits`) write into either without a String made on the way.
public protocol ByteOutput {
    mutating func append(_ byte: UInt8)
    /// Several bytes at once.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteOutput where Element == UInt8 {
    public mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
