package couple

// InputError is a rule broken by what a person asked for, with a message meant for them.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func refuse(msg string) error { return &InputError{Msg: msg} }

// ErrNotYours is refused when someone acts for the partner who is not at the keyboard.
var ErrNotYours error = &InputError{Msg: "each partner agrees, signs and ticks only for themselves: the other partner needs to be at the keyboard"}
