package couple

// Partner identifies one of the two people in a couple.
type Partner string

const (
	PartnerA Partner = "A"
	PartnerB Partner = "B"
)

// Partners in display order.
var Partners = []Partner{PartnerA, PartnerB}

// Other returns the other partner.
func (p Partner) Other() Partner {
	if p == PartnerA {
		return PartnerB
	}
	return PartnerA
}

// Valid reports whether p is A or B.
func (p Partner) Valid() bool { return p == PartnerA || p == PartnerB }

// Rebuilder says who is rebuilding trust: partner A, partner B, or both.
type Rebuilder string

const (
	RebuilderA    Rebuilder = "A"
	RebuilderB    Rebuilder = "B"
	RebuilderBoth Rebuilder = "both"
)

// Valid reports whether r is A, B or both.
func (r Rebuilder) Valid() bool { return r == RebuilderA || r == RebuilderB || r == RebuilderBoth }

// IsRebuilding reports whether partner p is rebuilding trust.
func (r Rebuilder) IsRebuilding(p Partner) bool { return r == RebuilderBoth || string(r) == string(p) }

// IsHurt reports whether partner p is the one who was hurt (both are when both rebuild).
func (r Rebuilder) IsHurt(p Partner) bool { return r == RebuilderBoth || !r.IsRebuilding(p) }

// Keyboard says who is at the keyboard: one partner, or both together. Every rule about who may
// see or do something is asked of a Keyboard, never of a screen.
type Keyboard string

const (
	KeyboardA    Keyboard = "A"
	KeyboardB    Keyboard = "B"
	KeyboardBoth Keyboard = "both"
)

// KeyboardOf is partner p alone at the keyboard.
func KeyboardOf(p Partner) Keyboard { return Keyboard(p) }

// Partner returns the partner at the keyboard, and false when both are there.
func (k Keyboard) Partner() (Partner, bool) {
	switch k {
	case KeyboardA:
		return PartnerA, true
	case KeyboardB:
		return PartnerB, true
	}
	return "", false
}

// Valid reports whether k is A, B or both.
func (k Keyboard) Valid() bool { return k == KeyboardA || k == KeyboardB || k == KeyboardBoth }

// Speaks reports whether partner p is at the keyboard (alone or with the other), and so may act
// for themselves: agree, sign, acknowledge, decide.
func (k Keyboard) Speaks(p Partner) bool {
	return k == KeyboardBoth || (k.Valid() && Partner(k) == p)
}
