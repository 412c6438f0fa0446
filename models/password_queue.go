package models

import (
	"context"
	"sync"
)

// hashQueue shares the slow password hashes among client addresses fairly. At most slots
// hashes run at once; when all are taken, the next free slot goes to the address whose
// turn it is, round robin, so a burst of sign-ins from one address waits behind itself
// and not in front of everyone else.
type hashQueue struct {
	mu      sync.Mutex
	free    int
	waiting map[string][]chan struct{} // by address, oldest first
	turns   []string                   // addresses with someone waiting, in turn order
}

func newHashQueue(slots int) *hashQueue {
	return &hashQueue{free: max(1, slots), waiting: map[string][]chan struct{}{}}
}

// acquire waits for a slot for a hash on behalf of address; release gives it back.
func (q *hashQueue) acquire(ctx context.Context, address string) error {
	q.mu.Lock()
	if q.free > 0 && len(q.turns) == 0 {
		q.free--
		q.mu.Unlock()
		return nil
	}
	granted := make(chan struct{})
	if len(q.waiting[address]) == 0 {
		q.turns = append(q.turns, address)
	}
	q.waiting[address] = append(q.waiting[address], granted)
	q.mu.Unlock()
	select {
	case <-granted:
		return nil
	case <-ctx.Done():
		q.mu.Lock()
		defer q.mu.Unlock()
		select {
		case <-granted: // granted meanwhile: pass the slot on
			q.handOver()
		default:
			q.leave(address, granted)
		}
		return ctx.Err()
	}
}

func (q *hashQueue) release() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.handOver()
}

// handOver gives a free slot to the first waiter of the address whose turn it is, or
// keeps it free. The caller holds mu.
func (q *hashQueue) handOver() {
	if len(q.turns) == 0 {
		q.free++
		return
	}
	address := q.turns[0]
	q.turns = q.turns[1:]
	list := q.waiting[address]
	close(list[0])
	if rest := list[1:]; len(rest) > 0 {
		q.waiting[address] = rest
		q.turns = append(q.turns, address) // the back of the line
	} else {
		delete(q.waiting, address)
	}
}

// leave takes a waiter that gave up out of the line. The caller holds mu.
func (q *hashQueue) leave(address string, granted chan struct{}) {
	list := q.waiting[address]
	for i, ch := range list {
		if ch == granted {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) > 0 {
		q.waiting[address] = list
		return
	}
	delete(q.waiting, address)
	for i, a := range q.turns {
		if a == address {
			q.turns = append(q.turns[:i:i], q.turns[i+1:]...)
			break
		}
	}
}
