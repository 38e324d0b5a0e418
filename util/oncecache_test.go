package util

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOnceCache(t *testing.T) {
	t.Run("built once for concurrent callers", func(t *testing.T) {
		var c OnceCache[string, int]
		c.Max = 4
		var builds atomic.Int32
		var wg sync.WaitGroup
		for range 64 {
			wg.Go(func() {
				v, err := c.Get("k", func() (int, error) { builds.Add(1); return 7, nil })
				if v != 7 || err != nil {
					t.Errorf("Get = %d, %v", v, err)
				}
			})
		}
		wg.Wait()
		if n := builds.Load(); n != 1 {
			t.Errorf("%d builds, want 1", n)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		var c OnceCache[int, int]
		c.Max = 3
		for i := range 10 {
			if v, _ := c.Get(i, func() (int, error) { return i * i, nil }); v != i*i {
				t.Errorf("Get(%d) = %d", i, v)
			}
			if c.Len() > 3 {
				t.Fatalf("holds %d entries, Max 3", c.Len())
			}
		}
	})
	t.Run("errors are kept", func(t *testing.T) {
		var c OnceCache[int, int]
		boom := errors.New("boom")
		builds := 0
		for range 3 {
			if _, err := c.Get(1, func() (int, error) { builds++; return 0, boom }); err != boom {
				t.Errorf("err = %v", err)
			}
		}
		if builds != 1 {
			t.Errorf("%d builds, want 1", builds)
		}
	})
	t.Run("a panic leaves no entry", func(t *testing.T) {
		var c OnceCache[int, int]
		func() {
			defer func() {
				if recover() == nil {
					t.Error("the build's panic did not reach the caller")
				}
			}()
			c.Get(1, func() (int, error) { panic("boom") })
		}()
		if c.Len() != 0 {
			t.Errorf("holds %d entries after a panic", c.Len())
		}
		if v, err := c.Get(1, func() (int, error) { return 2, nil }); v != 2 || err != nil {
			t.Errorf("Get after a panic = %d, %v; want a new build", v, err)
		}
	})
}

// TestOnceCacheWaiterOfPanic: a goroutine waiting for a build that panics
// builds again itself, and gets its own value, never the other's panic.
func TestOnceCacheWaiterOfPanic(t *testing.T) {
	var c OnceCache[int, int]
	started, release := make(chan struct{}), make(chan struct{})
	go func() {
		defer func() { recover() }()
		c.Get(1, func() (int, error) { close(started); <-release; panic("boom") })
	}()
	<-started
	done := make(chan struct{})
	var v int
	var err error
	go func() {
		defer close(done)
		v, err = c.Get(1, func() (int, error) { return 5, nil })
	}()
	time.Sleep(20 * time.Millisecond) // the waiter is (most likely) inside once.Do now
	close(release)
	<-done
	if v != 5 || err != nil {
		t.Errorf("waiter got %d, %v; want its own build, 5", v, err)
	}
}
