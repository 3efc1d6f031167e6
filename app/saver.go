package app

import (
	"context"
	"sync"
	"time"
)

// Saver runs saves on one background goroutine, in order, so typing never waits for the disk.
// Saves queued under the same key coalesce: only the newest runs. Flush runs what is pending
// at once and waits for it, which closing the window and tests rely on.
type Saver struct {
	ctx     context.Context
	delay   time.Duration
	onSaved func(at time.Time, err error)

	mu      sync.Mutex
	cond    *sync.Cond
	keys    []string
	jobs    map[string]func(context.Context) error
	running bool
	flush   bool
	closed  bool
	wake    chan struct{}
}

// NewSaver starts a saver. onSaved is called on the saver's goroutine after each batch.
func NewSaver(ctx context.Context, delay time.Duration, onSaved func(time.Time, error)) *Saver {
	s := &Saver{ctx: ctx, delay: delay, onSaved: onSaved, jobs: map[string]func(context.Context) error{}, wake: make(chan struct{}, 1)}
	s.cond = sync.NewCond(&s.mu)
	go s.loop()
	return s
}

// SetDelay changes how long typing may pause before it is saved.
func (s *Saver) SetDelay(d time.Duration) {
	s.mu.Lock()
	s.delay = d
	s.mu.Unlock()
}

// Queue schedules job under key, replacing a pending job with the same key.
func (s *Saver) Queue(key string, job func(context.Context) error) {
	s.mu.Lock()
	if _, pending := s.jobs[key]; !pending {
		s.keys = append(s.keys, key)
	}
	s.jobs[key] = job
	s.mu.Unlock()
	s.poke()
}

func (s *Saver) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Flush runs every pending save now and returns when all have finished.
func (s *Saver) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush = true
	s.poke()
	for len(s.keys) > 0 || s.running {
		s.cond.Wait()
	}
	s.flush = false
}

// Close flushes and stops the saver.
func (s *Saver) Close() {
	s.Flush()
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.poke()
}

func (s *Saver) loop() {
	for range s.wake {
		if s.stopping() {
			return
		}
		s.pause()
		s.runPending()
	}
}

// pause waits up to the delay after the first change so a burst of typing saves once; only a
// flush or close cuts it short, never another keystroke.
func (s *Saver) pause() {
	s.mu.Lock()
	delay := s.delay
	s.mu.Unlock()
	if delay <= 0 || s.flushing() {
		return
	}
	timer := time.NewTimer(delay)
	defer timer.Stop()
	for {
		select {
		case <-timer.C:
			return
		case <-s.wake:
			if s.flushing() || s.stopping() {
				return
			}
		}
	}
}

func (s *Saver) flushing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flush
}

func (s *Saver) stopping() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *Saver) runPending() {
	s.mu.Lock()
	keys, jobs := s.keys, s.jobs
	s.keys, s.jobs = nil, map[string]func(context.Context) error{}
	s.running = true
	s.mu.Unlock()

	var firstErr error
	for _, k := range keys {
		if err := jobs[k](s.ctx); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if len(keys) > 0 && s.onSaved != nil {
		s.onSaved(time.Now(), firstErr)
	}

	s.mu.Lock()
	s.running = false
	more := len(s.keys) > 0
	s.cond.Broadcast()
	s.mu.Unlock()
	if more {
		s.poke()
	}
}
