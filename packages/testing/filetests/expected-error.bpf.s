;; A program expected to fail lists its error.
test drop-first,drop-first

  r0 = 0
  exit

; error: nothing to drop before exit
