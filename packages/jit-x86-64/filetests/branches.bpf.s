;; Branch sizing: a short conditional jump (rel8), a may_goto loop with its per-frame counter
;; slot below the BPF stack, division with the zero and -1 cases, a helper call through the
;; relocated bridge address with the status check after it.
test print<jit-x86-64>

  r0 = 0
  r2 = 7
loop:
  may_goto done
  r0 += 1
  if r0 < r2 goto loop
done:
  r1 = r0
  r1 s/= r2
  *(u64 *)(r10 -8) = r1
  call 7
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
; af:	48 83 ec 10                         	subq	$0x10, %rsp
; b3:	4d 8b 5c 24 50                      	movq	0x50(%r12), %r11
; b8:	4c 89 5d f0                         	movq	%r11, -0x10(%rbp)
; ; 0: (b7) r0 = 0
; bc:	31 c0                               	xorl	%eax, %eax
; ; 1: (b7) r2 = 7
; be:	be 07 00 00 00                      	movl	$0x7, %esi
; ; 2: (e5) may_goto pc+2
; c3:	48 83 7d f0 00                      L0:	cmpq	$0x0, -0x10(%rbp)
; c8:	74 0d                               	je	L1
; ca:	48 ff 4d f0                         	decq	-0x10(%rbp)
; ; 3: (07) r0 += 1
; ce:	48 83 c0 01                         	addq	$0x1, %rax
; ; 4: (ad) if r0 < r2 goto pc-3
; d2:	48 39 f0                            	cmpq	%rsi, %rax
; d5:	72 ec                               	jb	L0
; ; 5: (bf) r1 = r0
; d7:	48 89 c7                            L1:	movq	%rax, %rdi
; ; 6: (3f) r1 s/= r2
; da:	49 89 f3                            	movq	%rsi, %r11
; dd:	4d 85 db                            	testq	%r11, %r11
; e0:	74 13                               	je	L2
; e2:	49 83 fb ff                         	cmpq	$-0x1, %r11
; e6:	74 11                               	je	L3
; e8:	52                                  	pushq	%rdx
; e9:	48 97                               	xchgq	%rdi, %rax
; eb:	48 99                               	cqto
; ed:	49 f7 fb                            	idivq	%r11
; f0:	48 97                               	xchgq	%rdi, %rax
; f2:	5a                                  	popq	%rdx
; f3:	eb 07                               	jmp	L4
; f5:	31 ff                               L2:	xorl	%edi, %edi
; f7:	eb 03                               	jmp	L4
; f9:	48 f7 df                            L3:	negq	%rdi
; ; 7: (7b) *(u64 *)(r10 -8) = r1
; fc:	48 89 7d f8                         L4:	movq	%rdi, -0x8(%rbp)
; ; 8: (85) call bpf_get_prandom_u32#7
; 100:	41 c7 44 24 0c 08 00 00 00          	movl	$0x8, 0xc(%r12)
; 109:	48 b8 00 00 00 00 00 00 00 00       	movabsq	$0x0, %rax
; 113:	ff d0                               	callq	*%rax
; 115:	41 83 7c 24 08 00                   	cmpl	$0x0, 0x8(%r12)
; 11b:	0f 85 11 ff ff ff                   	jne	<exit>
; ; 9: (95) exit
; ; epilogue
; 121:	c9                                  	leave
; 122:	c3                                  	retq
