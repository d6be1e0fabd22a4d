package dev.aiq.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the provider advice into a class with plain ASM (as bundled in ByteBuddy). Internal.
 *
 * <p>A hand-written weave rather than ByteBuddy {@code Advice}: it loads a few dozen classes instead of ~800, which
 * keeps {@code -javaagent} start-up within its budget (PITFALLS: +93 ms against +292 ms). The woven method is, in
 * Java terms:
 * <pre>{@code
 * Object live = DevModeBridge.current(SLOT, this-or-null, a0, a1, a2, a3);   // the hot path: no allocation
 * if (live != null) return (ReturnType) live;                                // (more than 4 parameters: currentOf)
 * live = DevModeBridge.enter(SLOT, this-or-null, new Object[] {args...});   // slow path only
 * if (live != null) return (ReturnType) live;
 * try {
 *     ... original body; before each return: DevModeBridge.exit(result, SLOT) ...
 * } catch (Throwable t) {                    // last in the exception table: the body's own handlers come first
 *     DevModeBridge.abort(SLOT);
 *     throw t;
 * }
 * }</pre>
 * Primitive arguments are boxed for the comparison (small values come from the box caches).
 * Only method bodies change (no new members), so the same weave works at retransformation (attach) time.
 */
final class ProviderWeaver {

    static final String ANNOTATION = "Ldev/aiq/api/ConfigProvider;";
    private static final String BRIDGE = "dev/aiq/bootstrap/DevModeBridge";
    private static final int ASM = Opcodes.ASM9;
    private static final int INLINE_ARGS = 4;   // DevModeBridge.INLINE_ARGS: not read from it, to load no class

    /** A method chosen for weaving. */
    record Target(String name, String descriptor, boolean isStatic) {
    }

    private ProviderWeaver() {
    }

    /**
     * Finds the methods to weave: those annotated {@code @ConfigProvider}, plus those named in {@code names}.
     * Constructors, abstract, native and void methods are never chosen.
     */
    static List<Target> targets(byte[] classBytes, List<String> names) {
        List<Target> found = new ArrayList<>();
        new ClassReader(classBytes).accept(new ClassVisitor(ASM) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                boolean eligible = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0
                        && !name.startsWith("<") && Type.getReturnType(descriptor).getSort() != Type.VOID;
                if (!eligible) {
                    return null;
                }
                Target target = new Target(name, descriptor, (access & Opcodes.ACC_STATIC) != 0);
                if (names.contains(name)) {
                    found.add(target);
                    return null;
                }
                return new MethodVisitor(ASM) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                        if (ANNOTATION.equals(desc)) {
                            found.add(target);
                        }
                        return null;
                    }
                };
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found;
    }

    /** Returns {@code classBytes} with every target woven; {@code slots[i]} is the bridge slot of target {@code i}. */
    static byte[] weave(byte[] classBytes, List<Target> targets, int[] slots) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(ASM, writer) {
            private int version;
            private String owner;

            @Override
            public void visit(int v, int access, String name, String signature, String superName, String[] interfaces) {
                version = v & 0xFFFF;
                owner = name;
                super.visit(v, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get(i);
                    if (t.name().equals(name) && t.descriptor().equals(descriptor)) {
                        return new ProviderMethodWeaver(mv, slots[i], t, version >= Opcodes.V1_6, owner);
                    }
                }
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Adds the entry check and the exit record to one method. */
    private static final class ProviderMethodWeaver extends MethodVisitor {
        private final int slot;
        private final Target target;
        private final boolean frames;
        private final Type returnType;
        private final Object[] parameterFrame;
        private final Label bodyStart = new Label();

        ProviderMethodWeaver(MethodVisitor mv, int slot, Target target, boolean frames, String owner) {
            super(ASM, mv);
            this.slot = slot;
            this.target = target;
            this.frames = frames;
            this.returnType = Type.getReturnType(target.descriptor());
            this.parameterFrame = parameterFrame(owner, target);
        }

        /** The locals every point of the body has: the receiver and the parameters, as a frame lists them. */
        private static Object[] parameterFrame(String owner, Target target) {
            List<Object> locals = new ArrayList<>();
            if (!target.isStatic()) {
                locals.add(owner);
            }
            for (Type p : Type.getArgumentTypes(target.descriptor())) {
                locals.add(switch (p.getSort()) {
                    case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                    case Type.FLOAT -> Opcodes.FLOAT;
                    case Type.LONG -> Opcodes.LONG;
                    case Type.DOUBLE -> Opcodes.DOUBLE;
                    case Type.ARRAY -> p.getDescriptor();
                    default -> p.getInternalName();
                });
            }
            return locals.toArray();
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Type[] params = Type.getArgumentTypes(target.descriptor());
            // hot path: return the live value if this call is a config the agent holds
            push(slot);
            loadReceiver();
            if (params.length <= INLINE_ARGS) {
                int local = target.isStatic() ? 0 : 1;
                for (int i = 0; i < INLINE_ARGS; i++) {
                    if (i < params.length) {
                        super.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), local);
                        box(params[i]);
                        local += params[i].getSize();
                    } else {
                        super.visitInsn(Opcodes.ACONST_NULL);
                    }
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "current",
                        "(ILjava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
                        false);
            } else {
                pushArguments(params);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "currentOf",
                        "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
            }
            returnIfLive();
            // slow path: the agent may still know the call (its file named another way), else the body runs
            push(slot);
            loadReceiver();
            pushArguments(params);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "enter",
                    "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
            returnIfLive();
            super.visitLabel(bodyStart);
        }

        /**
         * Registers the handler that tells the bridge a call ended in an exception. Added after the body's own
         * entries of the exception table, so they keep catching what they caught; it covers the whole body.
         */
        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            Label bodyEnd = new Label();
            Label handler = new Label();
            super.visitLabel(bodyEnd);
            super.visitTryCatchBlock(bodyStart, bodyEnd, handler, "java/lang/Throwable");
            super.visitLabel(handler);
            if (frames) {
                super.visitFrame(Opcodes.F_FULL, parameterFrame.length, parameterFrame, 1, new Object[] {"java/lang/Throwable"});
            }
            push(slot);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "abort", "(I)V", false);
            super.visitInsn(Opcodes.ATHROW);
            super.visitMaxs(maxStack, maxLocals);
        }

        private void loadReceiver() {
            if (target.isStatic()) {
                super.visitInsn(Opcodes.ACONST_NULL);
            } else {
                super.visitVarInsn(Opcodes.ALOAD, 0);
            }
        }

        /** Pushes {@code new Object[] {args...}}, primitives boxed. */
        private void pushArguments(Type[] params) {
            push(params.length);
            super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            int local = target.isStatic() ? 0 : 1;
            for (int i = 0; i < params.length; i++) {
                super.visitInsn(Opcodes.DUP);
                push(i);
                super.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), local);
                box(params[i]);
                super.visitInsn(Opcodes.AASTORE);
                local += params[i].getSize();
            }
        }

        /** With the bridge's answer on the stack: return it if it is not null, else drop it and go on. */
        private void returnIfLive() {
            super.visitInsn(Opcodes.DUP);
            Label goOn = new Label();
            super.visitJumpInsn(Opcodes.IFNULL, goOn);
            unboxOrCast();
            super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
            super.visitLabel(goOn);
            if (frames) {
                super.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/Object"});
            }
            super.visitInsn(Opcodes.POP);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.ARETURN) {
                super.visitInsn(returnType.getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP);
                box(returnType);
                push(slot);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "exit", "(Ljava/lang/Object;I)V", false);
            }
            super.visitInsn(opcode);
        }

        private void push(int value) {
            if (value >= -1 && value <= 5) {
                super.visitInsn(Opcodes.ICONST_0 + value);
            } else if (value <= Byte.MAX_VALUE) {
                super.visitIntInsn(Opcodes.BIPUSH, value);
            } else if (value <= Short.MAX_VALUE) {
                super.visitIntInsn(Opcodes.SIPUSH, value);
            } else {
                super.visitLdcInsn(value);
            }
        }

        private void box(Type type) {
            if (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY) {
                return;
            }
            Type boxed = boxedType(type);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
                    Type.getMethodDescriptor(boxed, type), false);
        }

        private void unboxOrCast() {
            if (returnType.getSort() == Type.OBJECT || returnType.getSort() == Type.ARRAY) {
                if (!returnType.getDescriptor().equals("Ljava/lang/Object;")) {
                    super.visitTypeInsn(Opcodes.CHECKCAST, returnType.getInternalName());
                }
                return;
            }
            Type boxed = boxedType(returnType);
            super.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxed.getInternalName(), returnType.getClassName().concat("Value"),
                    Type.getMethodDescriptor(returnType), false);
        }

        private static Type boxedType(Type primitive) {
            return Type.getObjectType(switch (primitive.getSort()) {
                case Type.BOOLEAN -> "java/lang/Boolean";
                case Type.BYTE -> "java/lang/Byte";
                case Type.CHAR -> "java/lang/Character";
                case Type.SHORT -> "java/lang/Short";
                case Type.INT -> "java/lang/Integer";
                case Type.FLOAT -> "java/lang/Float";
                case Type.LONG -> "java/lang/Long";
                case Type.DOUBLE -> "java/lang/Double";
                default -> throw new IllegalArgumentException("not a primitive: " + primitive);
            });
        }
    }
}
