;; LDX through a MAP_VALUE pointer folds when a read-only image of the map is supplied
;; (bpf_map_direct_read, §2.2 step 4); other maps and out-of-range reads stay unknown.
test print<const-fold>
set map-image.0=hex:2a000000ffffffff

  r1 = map[id:0][0]+0
  r2 = *(u32 *)(r1 +0)
  r3 = *(s32 *)(r1 +4)
  r4 = *(u32 *)(r1 +4)
  r5 = *(u64 *)(r1 +4)
  r1 = map[id:1][0]+0
  r6 = *(u32 *)(r1 +0)
  r0 = 0
  exit

; func#0 @0
; 0: (18) r1 = 0x0                      ; R1=map_value(0,+0)
; 2: (61) r2 = *(u32 *)(r1 +0)          ; R1=map_value(0,+0) R2=42
; 3: (81) r3 = *(s32 *)(r1 +4)          ; R1=map_value(0,+0) R2=42 R3=-1
; 4: (61) r4 = *(u32 *)(r1 +4)          ; R1=map_value(0,+0) R2=42 R3=-1 R4=0xffffffff
; 5: (79) r5 = *(u64 *)(r1 +4)          ; R1=map_value(0,+0) R2=42 R3=-1 R4=0xffffffff
; 6: (18) r1 = 0x1                      ; R1=map_value(1,+0) R2=42 R3=-1 R4=0xffffffff
; 8: (61) r6 = *(u32 *)(r1 +0)          ; R1=map_value(1,+0) R2=42 R3=-1 R4=0xffffffff
; 9: (b7) r0 = 0                        ; R0=0 R1=map_value(1,+0) R2=42 R3=-1 R4=0xffffffff
; 10: (95) exit                         ; R0=0 R1=map_value(1,+0) R2=42 R3=-1 R4=0xffffffff
