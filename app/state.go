package app

import (
	"context"

	"kintsugi/data"
)

// State is what the window works on: the store, the content, and the couple that is open.
type State struct {
	ctx     context.Context
	Store   *data.Store
	Content *data.Content
}

// NewState wraps an open store for the window.
func NewState(ctx context.Context, st *data.Store, content *data.Content) *State {
	return &State{ctx: ctx, Store: st, Content: content}
}

// Context is the context the window's commands run in.
func (s *State) Context() context.Context { return s.ctx }

// Cases lists the couples on this machine, the most recently active first.
func (s *State) Cases() ([]data.Case, error) { return s.Store.Cases(s.ctx) }

// Close finishes pending work. The store itself is closed by its owner.
func (s *State) Close() error { return nil }
