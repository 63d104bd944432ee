package dev.drophound.checks.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Where in a call stack the allocator ends and the caller begins: the frames worth naming. */
final class CallSites {
    private CallSites() {
    }

    /** The allocator's and the tracer's own frames, which every stack shares. */
    private static final Pattern ALLOCATOR = Pattern.compile(
            "(?:__?)*(?:kmem_cache_alloc\\w*|kmalloc\\w*|__kmalloc\\w*|kvmalloc\\w*|kvzalloc\\w*|kzalloc\\w*|kcalloc\\w*"
                    + "|krealloc\\w*|kmemdup\\w*|slab_\\w+|_*slab_alloc\\w*|alloc_debug_processing|free_debug_processing"
                    + "|trace|set_track\\w*|dump_stack\\w*|show_stack|__kmem_cache_\\w+|kmem_cache_free\\w*|kfree\\w*"
                    + "|__slab_free|slab_free\\w*|kmemleak_alloc\\w*|create_object\\w*|__create_object|kmalloc_trace\\w*"
                    + "|__kmalloc_cache_\\w+|kmalloc_node_trace\\w*|stack_trace_save\\w*|save_stack\\w*|kasan_\\w+"
                    + "|__alloc_skb|__napi_alloc_skb|__netdev_alloc_skb|kmalloc_reserve\\w*|kmem_cache_alloc_node\\w*"
                    + "|pcpu_alloc|__alloc_percpu\\w*|__vmalloc\\w*|vmalloc\\w*|kvmalloc_node\\w*)");
    /** Generic constructors: the object's kind, not its owner (the driver that asks for a netdev is the owner). */
    private static final Pattern CONSTRUCTOR = Pattern.compile("alloc_netdev\\w*|alloc_etherdev\\w*|alloc_candev\\w*");

    /** Entry frames below which nothing tells about the caller. */
    private static final Set<String> ENTRY = Set.of("system_call_fastpath", "entry_SYSCALL_64_after_hwframe",
            "do_syscall_64", "ret_from_fork", "kthread", "worker_thread", "process_one_work");

    /** Up to {@code n} frames after the allocator's, innermost first. */
    static List<String> caller(List<String> stack, int n) {
        List<String> out = new ArrayList<>();
        boolean past = false;
        for (String f : stack) {
            if (!past && (ALLOCATOR.matcher(f).matches() || CONSTRUCTOR.matcher(f).matches())) {
                continue;
            }
            past = true;
            if (ENTRY.contains(f)) {
                break;
            }
            out.add(f);
            if (out.size() == n) {
                break;
            }
        }
        return out;
    }

    /** The generic constructor the caller went through ({@code alloc_netdev_mqs}), if any. */
    static String via(List<String> stack) {
        String via = null;
        for (String f : stack) {
            if (CONSTRUCTOR.matcher(f).matches()) {
                via = f;
            } else if (!ALLOCATOR.matcher(f).matches()) {
                break;
            }
        }
        return via;
    }

    static String path(List<String> frames) {
        return frames.isEmpty() ? "(no call trace)" : String.join(" <- ", frames);
    }
}
