package util

import (
	"errors"
	"sync"
)

// OnceCache holds up to Max values (at least one), each built once per key
// however many goroutines ask for it at the same time. When it is full, an
// arbitrary entry is dropped to make room. A build that panics leaves no
// entry: the panic goes on in the goroutine that built, the goroutines
// waiting for the same key get ErrBuildPanicked, and the next Get builds
// again. The zero OnceCache is empty and ready to use.
type OnceCache[K comparable, V any] struct {
	Max int

	mu sync.Mutex
	m  map[K]*onceSlot[V]
}

type onceSlot[V any] struct {
	once sync.Once
	done bool // build returned
	v    V
	err  error
}

// ErrBuildPanicked is what OnceCache.Get returns to the goroutines that
// waited for a build that panicked.
var ErrBuildPanicked = errors.New("building the value panicked")

// Get returns the value of key, calling build for it if it is not held.
func (c *OnceCache[K, V]) Get(key K, build func() (V, error)) (V, error) {
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]*onceSlot[V]{}
	}
	s, ok := c.m[key]
	if !ok {
		if len(c.m) >= max(c.Max, 1) {
			for k := range c.m {
				delete(c.m, k)
				break
			}
		}
		s = &onceSlot[V]{}
		c.m[key] = s
	}
	c.mu.Unlock()
	s.once.Do(func() {
		defer func() {
			if !s.done { // build panicked: forget the slot
				c.mu.Lock()
				if c.m[key] == s {
					delete(c.m, key)
				}
				c.mu.Unlock()
				s.err = ErrBuildPanicked
			}
		}()
		s.v, s.err = build()
		s.done = true
	})
	return s.v, s.err
}

// Len returns the number of entries held.
func (c *OnceCache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
