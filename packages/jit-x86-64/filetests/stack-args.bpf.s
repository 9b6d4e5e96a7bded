;; Stack arguments on x86-64 (kernel-semantics §5.3): the caller's r11-8 becomes r9 (one
;; instruction, also for an immediate), r11-16.. the outgoing area at (%rsp); the callee reads
;; r11+8 from r9 and r11+16.. from 0x10(%rbp)... Frames keep rsp 16-byte aligned.
test print<jit-x86-64>

.func main
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  *(u64 *)(r11 -8) = 6
  *(u64 *)(r11 -16) = r1
  *(u64 *)(r11 -56) = -12
  call take12
  exit
.func take12, args=12
  r0 = *(u64 *)(r11 +8)
  r6 = *(u64 *)(r11 +16)
  r0 += r6
  r6 = *(u64 *)(r11 +56)
  r0 += r6
  exit

; entry:
; 0:	55                                  	pushq	%rbp
; 1:	48 89 e5                            	movq	%rsp, %rbp
; 4:	53                                  	pushq	%rbx
; 5:	41 54                               	pushq	%r12
; 7:	41 55                               	pushq	%r13
; 9:	41 56                               	pushq	%r14
; b:	41 57                               	pushq	%r15
; d:	4d 89 cc                            	movq	%r9, %r12
; 10:	41 ff 74 24 00                      	pushq	(%r12)
; 15:	49 89 64 24 00                      	movq	%rsp, (%r12)
; 1a:	31 c0                               	xorl	%eax, %eax
; 1c:	31 db                               	xorl	%ebx, %ebx
; 1e:	45 31 ed                            	xorl	%r13d, %r13d
; 21:	45 31 f6                            	xorl	%r14d, %r14d
; 24:	45 31 ff                            	xorl	%r15d, %r15d
; 27:	45 31 c9                            	xorl	%r9d, %r9d
; 2a:	4d 8b 5c 24 40                      	movq	0x40(%r12), %r11
; 2f:	41 ff d3                            	callq	*%r11
; exit:
; 32:	49 8b 64 24 00                      	movq	(%r12), %rsp
; 37:	41 8f 44 24 00                      	popq	(%r12)
; 3c:	41 5f                               	popq	%r15
; 3e:	41 5e                               	popq	%r14
; 40:	41 5d                               	popq	%r13
; 42:	41 5c                               	popq	%r12
; 44:	5b                                  	popq	%rbx
; 45:	5d                                  	popq	%rbp
; 46:	c3                                  	retq
; err_budget:
; 47:	41 5b                               	popq	%r11
; 49:	4d 89 5c 24 18                      	movq	%r11, 0x18(%r12)
; 4e:	41 c7 44 24 08 04 00 00 00          	movl	$0x4, 0x8(%r12)
; 57:	eb d9                               	jmp	<exit>
; err_call_depth:
; 59:	41 5b                               	popq	%r11
; 5b:	4d 89 5c 24 18                      	movq	%r11, 0x18(%r12)
; 60:	41 c7 44 24 08 05 00 00 00          	movl	$0x5, 0x8(%r12)
; 69:	eb c7                               	jmp	<exit>
; err_callx:
; 6b:	41 5b                               	popq	%r11
; 6d:	4d 89 5c 24 18                      	movq	%r11, 0x18(%r12)
; 72:	41 c7 44 24 08 06 00 00 00          	movl	$0x6, 0x8(%r12)
; 7b:	eb b5                               	jmp	<exit>
; err_fell_off:
; 7d:	41 5b                               	popq	%r11
; 7f:	4d 89 5c 24 18                      	movq	%r11, 0x18(%r12)
; 84:	41 c7 44 24 08 07 00 00 00          	movl	$0x7, 0x8(%r12)
; 8d:	eb a3                               	jmp	<exit>
; err_misaligned:
; 8f:	4d 89 5c 24 20                      	movq	%r11, 0x20(%r12)
; 94:	4d 89 54 24 28                      	movq	%r10, 0x28(%r12)
; 99:	41 5b                               	popq	%r11
; 9b:	4d 89 5c 24 18                      	movq	%r11, 0x18(%r12)
; a0:	41 c7 44 24 08 08 00 00 00          	movl	$0x8, 0x8(%r12)
; a9:	eb 87                               	jmp	<exit>
; func #0:
; ; prologue
; ab:	55                                  	pushq	%rbp
; ac:	48 89 e5                            	movq	%rsp, %rbp
; af:	48 83 ec 30                         	subq	$0x30, %rsp
; ; 0: (b7) r1 = 1
; b3:	bf 01 00 00 00                      	movl	$0x1, %edi
; ; 1: (b7) r2 = 2
; b8:	be 02 00 00 00                      	movl	$0x2, %esi
; ; 2: (b7) r3 = 3
; bd:	ba 03 00 00 00                      	movl	$0x3, %edx
; ; 3: (b7) r4 = 4
; c2:	b9 04 00 00 00                      	movl	$0x4, %ecx
; ; 4: (b7) r5 = 5
; c7:	41 b8 05 00 00 00                   	movl	$0x5, %r8d
; ; 5: (7a) *(u64 *)(r11 -8) = 6
; cd:	41 b9 06 00 00 00                   	movl	$0x6, %r9d
; ; 6: (7b) *(u64 *)(r11 -16) = r1
; d3:	48 89 7c 24 00                      	movq	%rdi, (%rsp)
; ; 7: (7a) *(u64 *)(r11 -56) = -12
; d8:	48 c7 44 24 28 f4 ff ff ff          	movq	$-0xc, 0x28(%rsp)
; ; 8: (85) call pc+1
; e1:	e8 06 00 00 00                      	callq	func#1
; ; 9: (95) exit
; ; epilogue
; e6:	48 83 c4 30                         	addq	$0x30, %rsp
; ea:	c9                                  	leave
; eb:	c3                                  	retq
; func #1:
; ; prologue
; ec:	55                                  	pushq	%rbp
; ed:	48 89 e5                            	movq	%rsp, %rbp
; f0:	53                                  	pushq	%rbx
; f1:	48 83 ec 08                         	subq	$0x8, %rsp
; ; 10: (79) r0 = *(u64 *)(r11 +8)
; f5:	4c 89 c8                            	movq	%r9, %rax
; ; 11: (79) r6 = *(u64 *)(r11 +16)
; f8:	48 8b 5d 10                         	movq	0x10(%rbp), %rbx
; ; 12: (0f) r0 += r6
; fc:	48 01 d8                            	addq	%rbx, %rax
; ; 13: (79) r6 = *(u64 *)(r11 +56)
; ff:	48 8b 5d 38                         	movq	0x38(%rbp), %rbx
; ; 14: (0f) r0 += r6
; 103:	48 01 d8                            	addq	%rbx, %rax
; ; 15: (95) exit
; ; epilogue
; 106:	48 83 c4 08                         	addq	$0x8, %rsp
; 10a:	5b                                  	popq	%rbx
; 10b:	c9                                  	leave
; 10c:	c3                                  	retq
