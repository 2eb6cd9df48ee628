/// A fixed-capacity map that forgets its least recently used entry when full: a dictionary from key to slot and a
/// doubly linked list through the slots (indices, no per-entry allocation). Not thread-safe on its own.
struct LeastRecentlyUsed<Key: Hashable, Value> {
    private struct Slot {
        var key: Key
        var value: Value
        var previous: Int32
        var next: Int32
    }

    let capacity: Int
    private var slots: [Slot] = []
    private var index: [Key: Int32] = [:]
    /// Most recently used slot, -1 when empty.
    private var head: Int32 = -1
    /// Least recently used slot, -1 when empty.
    private var tail: Int32 = -1

    init(capacity: Int) {
        precondition(capacity > 0 && capacity < Int(Int32.max), "LeastRecentlyUsed capacity out of range")
        self.capacity = capacity
    }

    var count: Int { index.count }

    /// The value for `key`, which becomes the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let slot = index[key] else { return nil }
        moveToFront(slot)
        return slots[Int(slot)].value
    }

    /// Sets the value for `key` (the most recently used), evicting the least recently used entry when full.
    mutating func set(_ value: Value, for key: Key) {
        if let slot = index[key] {
            slots[Int(slot)].value = value
            moveToFront(slot)
            return
        }
        let slot: Int32
        if slots.count < capacity {
            slot = Int32(slots.count)
            slots.append(Slot(key: key, value: value, previous: -1, next: -1))
        } else {
            slot = tail
            unlink(slot)
            index[slots[Int(slot)].key] = nil
            slots[Int(slot)] = Slot(key: key, value: value, previous: -1, next: -1)
        }
        index[key] = slot
        linkAtFront(slot)
    }

    private mutating func moveToFront(_ slot: Int32) {
        guard slot != head else { return }
        unlink(slot)
        linkAtFront(slot)
    }

    private mutating func unlink(_ slot: Int32) {
        let previous = slots[Int(slot)].previous
        let next = slots[Int(slot)].next
        if previous >= 0 { slots[Int(previous)].next = next } else { head = next }
        if next >= 0 { slots[Int(next)].previous = previous } else { tail = previous }
        slots[Int(slot)].previous = -1
        slots[Int(slot)].next = -1
    }

    private mutating func linkAtFront(_ slot: Int32) {
        slots[Int(slot)].next = head
        slots[Int(slot)].previous = -1
        if head >= 0 { slots[Int(head)].previous = slot }
        head = slot
        if tail < 0 { tail = slot }
    }
}
