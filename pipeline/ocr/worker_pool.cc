#include "pipeline/ocr/worker_pool.h"

namespace vanban::ocr {

Status WorkerPool::Warm() {
  StatusOr<Lease> lease = Acquire();
  return lease.ok() ? Status::Ok() : lease.status();
}

StatusOr<WorkerPool::Lease> WorkerPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    returned_.wait(lock, [this] { return leased_ < capacity_; });
    ++leased_;
    if (!idle_.empty()) {
      std::unique_ptr<TesseractWorker> worker = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(worker));
    }
  }
  // Creating a worker loads the traineddata (~100 ms): do it outside the lock.
  StatusOr<std::unique_ptr<TesseractWorker>> worker = TesseractWorker::Create(tessdata_dir_, language_);
  if (!worker.ok()) {
    Return(nullptr);
    return worker.status();
  }
  return Lease(this, std::move(worker).value());
}

void WorkerPool::Return(std::unique_ptr<TesseractWorker> worker) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (worker) idle_.push_back(std::move(worker));
    --leased_;
  }
  returned_.notify_one();
}

}  // namespace vanban::ocr
