/// Where bytes are written one at a time: an array, or a `JSONWriter`'s buffer. The time fields
/// (`SummaryTime.iso`, `offset`, `digits`) write into either without a String made on the way.
public protocol ByteOutput {
    mutating func append(_ byte: UInt8)
}

extension Array: ByteOutput where Element == UInt8 {}
