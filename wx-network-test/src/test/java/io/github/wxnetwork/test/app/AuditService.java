package io.github.wxnetwork.test.app;

import org.springframework.stereotype.Service;

/** An application service: never part of the slice. */
@Service
public class AuditService {

}
