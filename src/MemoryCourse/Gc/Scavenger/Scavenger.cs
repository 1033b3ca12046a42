using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Gc.Scavenger;

/// <summary>
/// V8's minor collector, Cheney style: evacuate what the roots and the old-to-new remembered set point
/// to, then scan the evacuated objects in order (the scan pointer chasing the allocation pointer) and
/// evacuate their young children. An object surviving its first scavenge is copied to the other
/// semi-space; surviving its second, it is promoted to old space. Every moved object gets a forwarding
/// address, so an object reached twice is moved once. Dead objects are never visited: the cost is
/// O(live young objects + remembered slots), independent of how much garbage new space held.
/// </summary>
public static class Scavenger
{
    internal static ScavengeResult Run(Heap heap, bool traceSteps)
    {
        var newSpace = heap.NewSpace;
        long? grown = heap.Sizing.BeforeScavenge(newSpace.SemiSpaceCapacity);
        if (grown is long capacity) newSpace.Grow(capacity);

        int newEpoch = heap.YoungEpoch + 1;
        var to = newSpace.Reserve;
        var queue = new List<HeapObject>();
        var steps = traceSteps ? new List<EvacuationStep>() : null;
        long copiedBytes = 0, promotedBytes = 0;
        int copied = 0, promoted = 0;

        // how: 0 root (name), 1 remembered slot, 2 slot of a scanned object. Formatted only when tracing.
        void Evacuate(HeapObject obj, int how, string? rootName, long holderId, int slot)
        {
            // Old objects stay put; a young object with the new epoch already has a forwarding address.
            if (obj.Space != SpaceKind.NewSpace || obj.Epoch == newEpoch) return;
            long from = obj.Address;
            long address = 0;
            bool promote = obj.Age >= 1 || !to.TryCopy(obj, out address);
            if (promote)
            {
                heap.OldSpace.Place(obj);
                promotedBytes += obj.Size;
                promoted++;
            }
            else
            {
                obj.Address = address;
                obj.Age = 1;
                obj.Epoch = newEpoch;
                copiedBytes += obj.Size;
                copied++;
            }
            queue.Add(obj);
            if (steps is not null)
            {
                string via = how switch
                {
                    0 => $"root '{rootName}'",
                    1 => $"remembered slot {slot} of #{holderId}",
                    _ => $"slot {slot} of #{holderId}",
                };
                steps.Add(new EvacuationStep(steps.Count + 1, obj.Id, obj.Label, from, obj.Address, promote, via));
            }
        }

        foreach (var root in heap.Roots.All)
            if (root.Target is not null) Evacuate(root.Target, 0, root.Name, 0, 0);

        var remembered = heap.RememberedSet.TakeAll();
        foreach (var slot in remembered)
        {
            var target = slot.Holder.Slots[slot.Slot];
            if (target is null || target.Space != SpaceKind.NewSpace) continue;
            Evacuate(target, 1, null, slot.Holder.Id, slot.Slot);
            if (target.Space == SpaceKind.NewSpace) heap.RememberedSet.Record(slot.Holder, slot.Slot);
        }

        // Cheney scan: every evacuated object is scanned once; its young children join the queue.
        for (int scan = 0; scan < queue.Count; scan++)
        {
            var obj = queue[scan];
            var slots = obj.Slots;
            for (int i = 0; i < slots.Length; i++)
            {
                var child = slots[i];
                if (child is null || child.Space != SpaceKind.NewSpace) continue;
                Evacuate(child, 2, null, obj.Id, i);
                // A promoted object pointing at a still-young one needs an old-to-new slot.
                if (obj.Space != SpaceKind.NewSpace && child.Space == SpaceKind.NewSpace) heap.RememberedSet.Record(obj, i);
            }
        }

        newSpace.Flip();
        newSpace.SurvivorBytes = copiedBytes;
        return new ScavengeResult(0, copiedBytes, copied, promotedBytes, promoted, remembered.Count,
            newSpace.SemiSpaceCapacity, grown is not null, 0, (IReadOnlyList<EvacuationStep>?)steps ?? Array.Empty<EvacuationStep>());
    }
}
