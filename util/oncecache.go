package util

import (
	"errors"
	"sync"
)

// OnceCache holds up to Max values (at least one), each built once per key
// however many goroutines ask for it at the same time. When it is full, an
// arbitrary entry is dropped to make room. A build that panics leaves no
// entry: the panic goes on in the goroutine that built, and the goroutines
// that were waiting for the same key build again themselves, so a panic is
// only ever the caller's own. The zero OnceCache is empty and ready to use.
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

// errBuildPanicked marks a slot whose build panicked.
var errBuildPanicked = errors.New("building the value panicked")

// Get returns the value of key, calling build for it if it is not held.
func (c *OnceCache[K, V]) Get(key K, build func() (V, error)) (V, error) {
	for {
		s, built := c.get(key, build)
		if s.err == errBuildPanicked && !built {
			continue // another goroutine's build panicked: build again here
		}
		return s.v, s.err
	}
}

// get returns the slot of key after its build, and whether this call ran
// the build.
func (c *OnceCache[K, V]) get(key K, build func() (V, error)) (*onceSlot[V], bool) {
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
	built := false
	s.once.Do(func() {
		built = true
		defer func() {
			if !s.done { // build panicked: forget the slot
				c.mu.Lock()
				if c.m[key] == s {
					delete(c.m, key)
				}
				c.mu.Unlock()
				s.err = errBuildPanicked
			}
		}()
		s.v, s.err = build()
		s.done = true
	})
	return s, built
}

// Len returns the number of entries held.
func (c *OnceCache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
