// Package couple holds the couple's own rules: who they are, what each partner answers, who may
// see, change, agree to and sign what, and what a commitment or an agreement must say to be kept.
// It knows no SQL and no window. The store validates through it on every save and on import, and
// the window, the command line and the workbook ask it the same questions, so a rule holds on
// every path or on none.
package couple
