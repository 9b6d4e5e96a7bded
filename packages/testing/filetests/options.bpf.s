;; `set` and `target` reach ctx.options.
test print<opts>
set max-insns=4096 mode=fast strict=true
target arm64

  exit

; max-insns=4096 (number)
; mode=fast (string)
; strict=true (boolean)
; target=arm64 (string)
